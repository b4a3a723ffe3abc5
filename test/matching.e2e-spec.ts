import { createStaff, loginAdmin, SignedIn, unique } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

describe('Candidate matching (e2e)', () => {
  let t: TestApp;
  let recruiter: SignedIn;
  let jobId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    recruiter = await createStaff(t.http, await loginAdmin(t.http), 'recruiter');
    const job = await t.http.post(
      '/api/jobs',
      {
        title: 'Platform Engineer',
        description: 'Run Kubernetes on Google Cloud',
        skills_required: ['Kubernetes', 'Go', 'PostgreSQL'],
        skills_nice_to_have: ['Terraform'],
        experience_level: 'senior',
        location: 'Amsterdam',
        work_mode: 'onsite',
        salary_range: '€80k - €100k',
      },
      { token: recruiter.accessToken },
    );
    jobId = job.body.id;
    const people = [
      {
        key: 'strong',
        skills: ['k8s', 'golang', 'Postgres', 'Terraform'],
        years: 8,
        location: 'Amsterdam',
        salary: '90000',
        pool: true,
      },
      {
        key: 'medium',
        skills: ['Kubernetes', 'Python'],
        years: 4,
        location: 'Amsterdam',
        salary: '95000',
        pool: false,
      },
      { key: 'weak', skills: ['PHP'], years: 1, location: 'Madrid', salary: '140000', pool: true },
    ];
    for (const p of people) {
      const res = await t.http.post(`/api/jobs/${jobId}/applications`, {
        applicant_name: `Person ${p.key}`,
        applicant_email: `${unique(p.key)}@example.com`,
        skills: p.skills,
        experience_years: p.years,
        location: p.location,
        expected_salary: p.salary,
        consent_data_processing: true,
        consent_talent_pool: p.pool,
      });
      expect(res.status).toBe(201);
      ids[p.key] = res.body.candidate_id;
    }
  });

  afterAll(() => t.close());

  it('ranks applicants best first with a breakdown that sums to the score', async () => {
    const res = await t.http.get('/api/candidates/matching', {
      token: recruiter.accessToken,
      query: { job_id: jobId, scope: 'applicants' },
    });
    expect(res.status).toBe(200);
    expect(res.body.map((m: { candidate_id: string }) => m.candidate_id)).toEqual([
      ids.strong,
      ids.medium,
      ids.weak,
    ]);
    for (const match of res.body as { score: number; breakdown: Record<string, number> }[]) {
      const sum = Object.values(match.breakdown).reduce((a, b) => a + b, 0);
      expect(match.score).toBeCloseTo(sum, 6);
      expect(match.score).toBeGreaterThanOrEqual(0);
      expect(match.score).toBeLessThanOrEqual(100);
    }
    expect(res.body[0]).toMatchObject({
      score: 100,
      breakdown: { skills: 50, experience: 25, location: 15, salary: 10 },
      matched_skills: ['Kubernetes', 'Go', 'PostgreSQL', 'Terraform'],
      missing_skills: [],
      application_id: expect.any(String),
    });
    expect(res.body[1].missing_skills).toEqual(['Go', 'PostgreSQL']);
  });

  it("includes the job's applicants and the talent pool in scope=all", async () => {
    const res = await t.http.get('/api/candidates/matching', {
      token: recruiter.accessToken,
      query: { job_id: jobId, scope: 'all' },
    });
    const found = res.body.map((m: { candidate_id: string }) => m.candidate_id);
    // Applicants of the job are in scope whatever their talent-pool consent, and whatever skills
    // they share; people from elsewhere only with consent (test/correctness-items.e2e-spec.ts).
    expect(found).toEqual([ids.strong, ids.medium, ids.weak]);
  });

  it('validates its query', async () => {
    expect(
      (
        await t.http.get('/api/candidates/matching', {
          token: recruiter.accessToken,
          query: { job_id: 'nope' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.http.get('/api/candidates/matching', {
          token: recruiter.accessToken,
          query: { job_id: jobId, scope: 'everyone' },
        })
      ).status,
    ).toBe(400);
  });
});
