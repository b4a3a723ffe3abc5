import fc from 'fast-check';
import { listRoutes, RouteDescriptor } from '../../src/common/auth/route-policy';
import { loginAdmin, SignedIn } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

// Random and boundary values thrown at every route's body and query as an admin (who passes every
// guard): the answer must always be below 500 (a 503 only for a vendor feature that is not
// configured), and every error must be a problem document that
// leaks no stack trace or SQL.
const PATH_VALUES = ['3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b', 'not-a-uuid', '%2e%2e%2f', '0'];

const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      '',
      ' ',
      "' OR 1=1 --",
      '$where',
      '<script>',
      '__proto__',
      '9'.repeat(40),
      'é🙂',
    ),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 12 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

function fieldNames(route: RouteDescriptor): string[] {
  // Typical contract field names, so the random bodies also hit real DTO properties.
  const common = [
    'job_id',
    'application_id',
    'interview_id',
    'question_ids',
    'status',
    'stage',
    'to_stage',
    'from_stage',
    'q',
    'limit',
    'cursor',
    'email',
    'role',
    'scores',
    'title',
    'format',
    'purpose',
    'granted',
    'url',
    'events',
    'count',
    'skills',
    'scheduled_at',
  ];
  return route.path.includes('auth')
    ? [...common, 'username', 'password', 'refresh_token']
    : common;
}

describe('Property-based input robustness (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let routes: RouteDescriptor[];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t.http);
    // Logout and password change would end the admin session mid-run.
    routes = listRoutes(t.app).filter(
      (r) => !/logout|change-password|signup|login|refresh/.test(r.path),
    );
  });

  afterAll(() => t.close());

  it('never answers 5xx to random bodies, queries and path values', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...PATH_VALUES),
          fc.dictionary(fc.constantFrom(...fieldNames(route)), jsonValue, { maxKeys: 5 }),
          async (pathValue, body) => {
            requests += 1;
            const path = route.path.replace(/:[A-Za-z_]+/g, pathValue);
            const query = Object.fromEntries(
              Object.entries(body).map(([k, v]) => [
                k,
                typeof v === 'string' ? v : JSON.stringify(v),
              ]),
            );
            const res =
              route.method === 'GET' || route.method === 'DELETE'
                ? await t.http.request(route.method, path, undefined, {
                    token: admin.accessToken,
                    query,
                  })
                : await t.http.request(route.method, path, body, { token: admin.accessToken });
            // A vendor feature that is not configured answers a deliberate 503 problem.
            const notConfigured =
              res.status === 503 && /_NOT_CONFIGURED$/.test(String(res.body?.code ?? ''));
            if (res.status >= 500 && !notConfigured) {
              failures.push(
                `${route.method} ${route.path} ${JSON.stringify(body)} → ${res.status} ${res.text.slice(0, 200)}`,
              );
            }
            const isProblem = /application\/problem\+json/.test(
              res.headers.get('content-type') ?? '',
            );
            if (res.status >= 400 && !isProblem) {
              failures.push(
                `${route.method} ${route.path} → ${res.status} without a problem document`,
              );
            }
            if (/\bat [\w.]+ \(|QueryFailedError|SELECT .* FROM|syntax error at/.test(res.text)) {
              failures.push(
                `${route.method} ${route.path} leaked internals: ${res.text.slice(0, 200)}`,
              );
            }
          },
        ),
        { numRuns: 6, seed: 20261123 },
      );
    }
    expect(routes.length).toBeGreaterThan(60);
    expect(requests).toBe(routes.length * 6);
    expect(failures).toEqual([]);
  });
});
