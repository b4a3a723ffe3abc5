import { randomUUID } from 'node:crypto';
import { createPanelistClient } from '../clients/typescript';
import { createStaff, loginAdmin, unique } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

// Issue #19 item 7: the checked-in client (clients/typescript, generated from /docs-json) against
// the real server. The calls below type-check only while the published contract says what they
// send and read; the run proves the server answers what the document says.
describe('Typed client (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t.close());

  it('signs in, posts a job, applies idempotently and syncs through the generated client', async () => {
    const anonymous = createPanelistClient(t.baseUrl);
    const login = await anonymous.POST('/api/auth/login', {
      body: { username: 'admin@panelist.test', password: 'admin-password-for-tests' },
    });
    expect(login.response.status).toBe(200);
    expect(login.data?.user.role).toBe('admin');

    const admin = await loginAdmin(t.http);
    const recruiter = await createStaff(t.http, admin, 'recruiter');
    const api = createPanelistClient(t.baseUrl, { token: recruiter.accessToken });
    const since = new Date(Date.now() - 1000).toISOString();
    const job = await api.POST('/api/jobs', {
      body: {
        title: 'Client Engineer',
        description: 'Generated types',
        skills_required: ['TypeScript'],
      },
    });
    expect(job.response.status).toBe(201);
    const jobId = job.data!.id;
    expect(job.data).toMatchObject({ title: 'Client Engineer', status: 'Open' });

    const key = randomUUID();
    const apply = (email: string) =>
      anonymous.POST('/api/jobs/{id}/applications', {
        params: { path: { id: jobId }, header: { 'Idempotency-Key': key } },
        body: {
          applicant_name: 'Typed Applicant',
          applicant_email: email,
          consent_data_processing: true,
        },
      });
    const email = `${unique('typed')}@example.com`;
    const first = await apply(email);
    expect(first.response.status).toBe(201);
    const again = await apply(email);
    expect(again.response.status).toBe(201);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toEqual(first.data);
    const reused = await apply(`${unique('other')}@example.com`);
    expect(reused.response.status).toBe(422);
    expect(reused.error).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });

    // A sync walk ends when next_cursor is null (a just-committed change may need another page).
    const synced: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.GET('/api/jobs/{id}/applications', {
        params: { path: { id: jobId }, query: { updated_after: since, cursor } },
      });
      expect(page.response.status).toBe(200);
      synced.push(...page.data!.items.map((a) => a.id));
      cursor = page.data!.next_cursor ?? undefined;
    } while (cursor);
    expect(synced).toEqual([first.data!.id]);

    const missing = await api.GET('/api/jobs/{id}', { params: { path: { id: randomUUID() } } });
    expect(missing.response.status).toBe(404);
    expect(missing.response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(missing.error).toMatchObject({ status: 404, title: expect.any(String) });
  });
});
