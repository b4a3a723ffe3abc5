import { createStaff, loginAdmin, signupCandidate, SignedIn, unique } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

// OWASP API3 (broken object property level authorisation): fields a client must not set are
// refused (400, unknown property) rather than silently applied, and nothing changes.
describe('Mass assignment (e2e)', () => {
  let t: TestApp;
  let recruiter: SignedIn;
  let candidate: SignedIn;
  let jobId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    candidate = await signupCandidate(t.http);
    const job = await t.http.post(
      '/api/jobs',
      { title: 'Mass Assignment Target', description: 'x' },
      { token: recruiter.accessToken },
    );
    jobId = job.body.id;
  });

  afterAll(() => t.close());

  it.each([
    ['signup', '/api/auth/signup', { is_active: false }],
    ['signup', '/api/auth/signup', { token_version: 9 }],
    ['job', '/api/jobs', { created_by: '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b' }],
    ['job', '/api/jobs', { application_count: 99 }],
    ['application', 'apply', { status: 'Selected' }],
    ['application', 'apply', { stage: 'hired' }],
    ['application', 'apply', { candidate_id: '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b' }],
  ])('refuses a %s body carrying %j', async (_kind, route, extra) => {
    const username = unique('ma_');
    const bodies: Record<string, object> = {
      '/api/auth/signup': {
        username,
        email: `${username}@example.com`,
        password: 'violet-harbour-kettle-93',
      },
      '/api/jobs': { title: 'Injected', description: 'x' },
      apply: {
        applicant_name: 'Mallory',
        applicant_email: `${username}@example.com`,
        consent_data_processing: true,
      },
    };
    const path = route === 'apply' ? `/api/jobs/${jobId}/applications` : route;
    const res = await t.http.post(
      path,
      { ...bodies[route], ...extra },
      { token: recruiter.accessToken },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: Object.keys(extra)[0] })]),
    );
  });

  it('keeps a candidate from changing their own role', async () => {
    expect(
      (
        await t.http.patch(
          `/api/admin/users/${candidate.id}`,
          { role: 'admin' },
          { token: candidate.accessToken },
        )
      ).status,
    ).toBe(403);
    const me = await t.http.get('/api/auth/me', { token: candidate.accessToken });
    expect(me.body.role).toBe('candidate');
  });

  it('does not let a scorecard or review carry a forged author', async () => {
    const application = await t.http.post(`/api/jobs/${jobId}/applications`, {
      applicant_name: 'Scored Person',
      applicant_email: `${unique('sc')}@example.com`,
      consent_data_processing: true,
    });
    const res = await t.http.post(
      `/api/applications/${application.body.id}/feedback`,
      { overall_recommendation: 'yes', notes: 'fine', interviewer_id: candidate.id },
      { token: recruiter.accessToken },
    );
    expect(res.status).toBe(400);
  });
});
