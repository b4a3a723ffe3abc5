import { API_KEY_RESOURCES, API_KEY_SCOPES } from '../src/common/auth/api-scopes';
import { listRoutes, RouteDescriptor } from '../src/common/auth/route-policy';
import { hasAtLeast, Role } from '../src/common/auth/role';
import { createStaff, loginAdmin, signupCandidate, SignedIn } from './support/factories';
import { applyWithoutAccount, hiringSetup, scheduleInterview } from './support/hiring-fixtures';
import { linksIn, tokenFrom } from './support/smtp-test-server';
import { createTestApp, TestApp } from './support/test-app';

const SOME_UUID = '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b';
const DESTRUCTIVE = /\/(logout|change-password)$|\/gdpr\/delete$/;

function concretePath(route: RouteDescriptor): string {
  return route.path.replace(/:[A-Za-z_]+/g, SOME_UUID);
}

// Every registered route, called as anonymous and as each role, must answer as its declared policy
// says: anonymous → 401 on non-public routes, and a role below the minimum → 403.
describe('Access matrix (e2e)', () => {
  let t: TestApp;
  let routes: RouteDescriptor[];
  const tokens: Partial<Record<Role, SignedIn>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    routes = listRoutes(t.app);
    const admin = await loginAdmin(t.http);
    tokens[Role.Admin] = admin;
    tokens[Role.Candidate] = await signupCandidate(t.http);
    tokens[Role.Recruiter] = await createStaff(t.http, admin, 'recruiter');
    tokens[Role.DomainExpert] = await createStaff(t.http, admin, 'domain_expert');
  });

  afterAll(() => t.close());

  it('finds the routes and every one declares a policy', () => {
    expect(routes.length).toBeGreaterThan(10);
    const undeclared = routes.filter((r) => r.policy === null).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('answers 401 to anonymous callers on every non-public route', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.policy && !('public' in r.policy))) {
      const res = await t.http.request(
        route.method,
        concretePath(route),
        route.method === 'GET' ? undefined : {},
      );
      if (res.status !== 401) {
        wrong.push(`${route.method} ${route.path} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to every role below a route minimum', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      if (!route.policy || 'public' in route.policy) {
        continue;
      }
      const minRole = route.policy.minRole;
      for (const role of Object.values(Role)) {
        if (hasAtLeast(role, minRole)) {
          continue;
        }
        const res = await t.http.request(
          route.method,
          concretePath(route),
          route.method === 'GET' ? undefined : {},
          {
            token: tokens[role]!.accessToken,
          },
        );
        if (res.status !== 403) {
          wrong.push(`${role} ${route.method} ${route.path} → ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets every role at or above the minimum past the guards', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      // Routes that end the caller's session or erase the caller are checked in their own specs.
      if (!route.policy || 'public' in route.policy || DESTRUCTIVE.test(route.path)) {
        continue;
      }
      const res = await t.http.request(
        route.method,
        concretePath(route),
        route.method === 'GET' ? undefined : {},
        {
          token: tokens[route.policy.minRole]!.accessToken,
        },
      );
      if (res.status === 401 || res.status === 403) {
        wrong.push(`${route.policy.minRole} ${route.method} ${route.path} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  // The access token of an interview link (#17) opens its own interview's start, answers,
  // events, complete, consent and questions, and nothing else: every other route answers 401, 403 or 404.
  it('an interview-link guest token reaches only its own interview routes', async () => {
    const setup = await hiringSetup(t.http);
    const { applicationId, email } = await applyWithoutAccount(t.http, setup.jobId);
    const interviewId = await scheduleInterview(t.http, setup, applicationId);
    const mail = await t.http.get('/api/admin/mail', {
      token: setup.admin.accessToken,
      query: { template: 'interview_invitation', limit: 100 },
    });
    const id = (mail.body.items as { id: string; to: string }[]).find((m) => m.to === email)!.id;
    const detail = await t.http.get(`/api/admin/mail/${id}`, { token: setup.admin.accessToken });
    const link = linksIn(detail.body.text).find((l) => l.includes('/interview/'))!;
    const guest = (await t.http.post('/api/interviews/access', { token: tokenFrom(link) })).body
      .access_token as string;
    const allowed = new Set([
      'POST /api/interviews/:id/start',
      'POST /api/interviews/:id/answers',
      'POST /api/interviews/:id/events',
      'POST /api/interviews/:id/complete',
      'POST /api/interviews/:id/consent',
      'GET /api/interviews/:id/questions',
    ]);
    const wrong: string[] = [];
    for (const route of routes) {
      if (!route.policy || 'public' in route.policy) {
        continue;
      }
      const key = `${route.method} ${route.path}`;
      const path = allowed.has(key) ? route.path.replace(':id', interviewId) : concretePath(route);
      const res = await t.http.request(
        route.method,
        path,
        route.method === 'GET' ? undefined : {},
        {
          token: guest,
        },
      );
      const refused = [401, 403, 404].includes(res.status);
      if (allowed.has(key) === refused) {
        wrong.push(`${key} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  // Issue #19: an API key reaches a route only with the scope the route declares (@ApiScope), even
  // when it holds every other scope and admin rights; a route that declares none is closed to keys.
  it('answers 403 to an API key without the route scope, on every non-public route', async () => {
    const admin = tokens[Role.Admin]!;
    const keyWithout = new Map<string, string>();
    for (const resource of [...API_KEY_RESOURCES, 'none']) {
      const scopes = API_KEY_SCOPES.filter((s) => !s.startsWith(`${resource}:`));
      const res = await t.http.post(
        '/api/admin/api-keys',
        { name: `matrix without ${resource}`, scopes },
        { token: admin.accessToken },
      );
      expect(res.status).toBe(201);
      keyWithout.set(resource, res.body.key as string);
    }
    const wrong: string[] = [];
    for (const route of routes) {
      if (!route.policy || 'public' in route.policy) {
        continue;
      }
      const key = keyWithout.get(route.apiScope ?? 'none')!;
      const res = await t.http.request(
        route.method,
        concretePath(route),
        route.method === 'GET' ? undefined : {},
        { token: key },
      );
      if (res.status !== 403) {
        wrong.push(
          `${route.method} ${route.path} (${route.apiScope ?? 'no scope'}) → ${res.status}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });
});
