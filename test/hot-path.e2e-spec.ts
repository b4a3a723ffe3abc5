import { createStaff, loginAdmin, SignedIn, unique } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

// The request path of issue 16: behaviour, not timings (those are in bench/RESULTS.md).
describe('Hot path (e2e)', () => {
  let t: TestApp;
  let recruiter: SignedIn;
  let jobId: string;

  beforeAll(async () => {
    // A small pool makes a transaction that takes a second pooled connection fail quickly.
    t = await createTestApp({ env: { DB_POOL_SIZE: '4' } });
    recruiter = await createStaff(t.http, await loginAdmin(t.http), 'recruiter');
    const job = await t.http.post(
      '/api/jobs',
      {
        title: 'Site Reliability Engineer',
        description: 'On call, kindly',
        skills_required: ['Go'],
      },
      { token: recruiter.accessToken },
    );
    jobId = job.body.id;
  });

  afterAll(() => t.close());

  it('accepts three times as many concurrent applications as the pool has connections', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.http.post(`/api/jobs/${jobId}/applications`, {
          consent_data_processing: true,
          applicant_name: 'Concurrent Applicant',
          applicant_email: `${unique('concurrent')}@example.com`,
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
  });
});
