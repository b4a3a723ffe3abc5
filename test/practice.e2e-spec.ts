import { createStaff, loginAdmin, signupCandidate, SignedIn } from './support/factories';
import { until } from './support/gdpr';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(90_000);

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim();

describe('Practice interviews (e2e)', () => {
  let t: TestApp;
  let recruiter: SignedIn;
  let candidate: SignedIn;
  const as = (who: SignedIn) => ({ token: who.accessToken });

  const startPractice = async (track: string) => {
    const res = await t.http.post('/api/interviews/practice', { track }, as(candidate));
    expect(res.status).toBe(201);
    return res.body as { id: string; status: string };
  };

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    candidate = await signupCandidate(t.http);
    const consent = await t.http.post(
      '/api/gdpr/consent',
      { purpose: 'ai_evaluation', granted: true, policy_version: '2026-01' },
      as(candidate),
    );
    expect(consent.status).toBe(201);
  });

  afterAll(async () => {
    await t.close();
  });

  it('20.4 accepts answers right after its questions are generated (no start step)', async () => {
    const practice = await startPractice('TypeScript');
    expect(practice.status).toBe('In Progress');
    const generated = await t.http.post(
      `/api/interviews/${practice.id}/generate-questions`,
      { use_resume: false, count: 2 },
      as(candidate),
    );
    expect(generated.status).toBe(201);
    const [first] = generated.body.items;
    const answered = await t.http.post(
      `/api/interviews/${practice.id}/answers`,
      {
        question_id: first.id,
        answer_text: 'I would start from the problem it solves and give a concrete example.',
      },
      as(candidate),
    );
    expect(answered.status).toBe(201);
    const feedback = await until(
      () => t.http.get(`/api/interviews/${practice.id}/feedback`, as(candidate)),
      (r) => r.body.answers?.[0]?.scoring_status === 'scored',
    );
    expect(feedback.body.answers[0].scores.overall).toBeGreaterThanOrEqual(0);
    // Starting is still allowed (it resumes) and completing works without it.
    const resumed = await t.http.post(`/api/interviews/${practice.id}/start`, {}, as(candidate));
    expect(resumed.status).toBe(200);
    const completed = await t.http.post(
      `/api/interviews/${practice.id}/complete`,
      {},
      as(candidate),
    );
    expect(completed.status).toBe(200);
  });

  it('13.7 practice questions and coaching share no text or key point with a job bank', async () => {
    const practice = await startPractice('PostgreSQL');
    const generated = await t.http.post(
      `/api/interviews/${practice.id}/generate-questions`,
      { use_resume: false, count: 10 },
      as(candidate),
    );
    expect(generated.status).toBe(201);
    for (const q of generated.body.items.slice(0, 3)) {
      await t.http.post(
        `/api/interviews/${practice.id}/answers`,
        { question_id: q.id, answer_text: 'An index helps, and I would check the query plan.' },
        as(candidate),
      );
    }
    const feedback = await until(
      () => t.http.get(`/api/interviews/${practice.id}/feedback`, as(candidate)),
      (r) => r.body.answers?.length === 3 && r.body.answers.every((a: any) => a.scores),
    );
    // Later, a job on the same skill gets its generated question bank.
    const job = await t.http.post(
      '/api/jobs',
      {
        title: 'PostgreSQL engineer',
        description: 'Own our PostgreSQL databases.',
        skills_required: ['PostgreSQL'],
      },
      as(recruiter),
    );
    const bank = await t.http.post(
      '/api/questions/generate',
      { job_id: job.body.id, count: 20 },
      as(recruiter),
    );
    expect(bank.status).toBe(201);

    const practised: { question_text: string; key_points: string[] }[] = await t.dataSource.query(
      `SELECT q.question_text, q.key_points FROM questions q
         JOIN interview_questions iq ON iq.question_id = q.id WHERE iq.interview_id = $1`,
      [practice.id],
    );
    expect(practised).toHaveLength(10);
    const jobTexts = new Set(bank.body.items.map((q: any) => normalise(q.question_text)));
    const jobPoints: string[] = bank.body.items.flatMap((q: any) => q.key_points.map(normalise));
    expect(practised.filter((q) => jobTexts.has(normalise(q.question_text)))).toEqual([]);
    expect(
      practised.flatMap((q) => q.key_points).filter((p) => jobPoints.includes(normalise(p))),
    ).toEqual([]);
    const coaching = normalise(feedback.body.answers.flatMap((a: any) => a.coaching).join(' '));
    expect(jobPoints.filter((p) => coaching.includes(p))).toEqual([]);
  });
});
