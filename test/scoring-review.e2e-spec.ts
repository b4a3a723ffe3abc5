import { createStaff, loginAdmin, signupCandidate, SignedIn } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

// Issue 21: an answer the scorer cannot grade with confidence is flagged for a human in the
// interview results and counted on the recruiter dashboard, instead of being guessed high.

const REBASE = {
  question_text: 'What is the difference between git merge and git rebase?',
  gold_standard_answer:
    'Merge joins two branches with a merge commit and keeps the existing history. Rebase replays your commits on top of another branch, creating new commits with new hashes, so it rewrites history. Do not rebase a branch that others have pulled; rebasing a local feature branch is fine.',
  key_points: [
    'merge creates a merge commit and preserves history',
    'rebase rewrites commits with new hashes',
    'do not rebase shared or public branches',
  ],
  wrong:
    'Rebase is the safe option for shared branches because it never changes commits: it simply moves the branch pointer forward, so everyone keeps exactly the same history. On shared branches you should always rebase and avoid merging.',
};

const IDEMPOTENCY = {
  question_text: 'Which HTTP methods are idempotent, and why does it matter?',
  gold_standard_answer:
    'A method is idempotent when repeating a request has the same effect as sending it once. GET, PUT and DELETE are idempotent. POST is not idempotent, because repeating it creates another resource. Idempotent requests can be retried safely after a timeout.',
  key_points: [
    'GET, PUT and DELETE are idempotent',
    'POST is not idempotent',
    'idempotent requests can be retried safely',
  ],
  right:
    'Idempotent means that sending the same request twice leaves the server in the same state as sending it once. GET, PUT and DELETE are idempotent: a second PUT writes the same state and a second DELETE finds nothing left. POST is not idempotent, since every call can create another order, so only idempotent requests can be retried safely after a timeout.',
};

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('Low-confidence scores flagged for review (e2e)', () => {
  let t: TestApp;
  let recruiter: SignedIn;
  let expert: SignedIn;
  let candidate: SignedIn;
  let interviewId: string;
  const questionIds: Record<'rebase' | 'idempotency', string> = {} as never;

  const results = () =>
    t.http.get(`/api/interviews/${interviewId}/results`, { token: recruiter.accessToken });
  const dashboard = () => t.http.get('/api/recruiter/dashboard', { token: recruiter.accessToken });

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    expert = await createStaff(t.http, admin, 'domain_expert');
    const job = await t.http.post(
      '/api/jobs',
      { title: 'Platform Engineer', description: 'Git workflows and HTTP APIs.' },
      { token: recruiter.accessToken },
    );
    for (const [key, q] of [
      ['rebase', REBASE],
      ['idempotency', IDEMPOTENCY],
    ] as const) {
      const created = await t.http.post(
        '/api/questions',
        {
          job_id: job.body.id,
          question_text: q.question_text,
          question_type: 'technical',
          difficulty_level: 'medium',
          skills_tested: ['Git'],
          gold_standard_answer: q.gold_standard_answer,
          key_points: q.key_points,
        },
        { token: expert.accessToken },
      );
      expect(created.status).toBe(201);
      questionIds[key] = created.body.id;
    }
    await t.http.post(
      '/api/questions/approve',
      { question_ids: Object.values(questionIds), approved: true },
      { token: expert.accessToken },
    );
    candidate = await signupCandidate(t.http);
    const applied = await t.http.post(
      `/api/jobs/${job.body.id}/applications`,
      { applicant_name: 'Casey', applicant_email: candidate.email, consent_data_processing: true },
      { token: candidate.accessToken },
    );
    await t.http.post(
      '/api/gdpr/consent',
      { purpose: 'ai_evaluation', granted: true, policy_version: '2026-01' },
      { token: candidate.accessToken },
    );
    const scheduled = await t.http.post(
      '/api/interviews',
      {
        application_id: applied.body.id,
        scheduled_at: new Date(Date.now() + 60_000).toISOString(),
        mode: 'async',
        question_ids: Object.values(questionIds),
      },
      { token: recruiter.accessToken },
    );
    expect(scheduled.status).toBe(201);
    interviewId = scheduled.body.id;
    const as = { token: candidate.accessToken };
    await t.http.post(`/api/interviews/${interviewId}/start`, {}, as);
    for (const [key, text] of [
      ['rebase', REBASE.wrong],
      ['idempotency', IDEMPOTENCY.right],
    ] as const) {
      const answered = await t.http.post(
        `/api/interviews/${interviewId}/answers`,
        { question_id: questionIds[key], answer_text: text },
        as,
      );
      expect(answered.status).toBe(201);
    }
    await t.http.post(`/api/interviews/${interviewId}/complete`, {}, as);
  });

  afterAll(async () => {
    await t.close();
  });

  it('flags the fluent wrong answer for review in the results, with reasons and a low score', async () => {
    const res = await until(results, (r) => r.body.results_status === 'complete');

    expect(res.status).toBe(200);
    const byQuestion = (id: string) => res.body.answers.find((a: any) => a.question_id === id);
    const wrong = byQuestion(questionIds.rebase);
    const right = byQuestion(questionIds.idempotency);
    expect(wrong).toMatchObject({ scored_by: 'offline', needs_review: true });
    expect(wrong.review_reasons.join(' ')).toContain('opposite of the reference');
    // Stored in clear: the reasons quote the reference, never the (encrypted) answer.
    expect(`${wrong.review_reasons.join(' ')} ${wrong.rationale}`).not.toContain('safe option');
    expect(wrong.scores.overall).toBeLessThan(6);
    expect(wrong.machine_scores).toMatchObject({
      needs_review: true,
      flags: expect.arrayContaining(['contradicts_reference']),
    });
    expect(wrong.machine_scores.confidence).toBeGreaterThanOrEqual(0);
    expect(wrong.machine_scores.confidence).toBeLessThan(1);
    expect(right).toMatchObject({ needs_review: false, review_reasons: [] });
    expect(right.scores.overall).toBeGreaterThan(7);
    expect(right.machine_scores.confidence).toBeGreaterThan(wrong.machine_scores.confidence);

    const stored = await t.dataSource.query<{ needs_review: boolean; review_reasons: string[] }[]>(
      `SELECT needs_review, review_reasons FROM answer_scores WHERE answer_id = $1 AND kind = 'machine'`,
      [wrong.answer_id],
    );
    expect(stored).toEqual([
      { needs_review: true, review_reasons: wrong.machine_scores.review_reasons },
    ]);
  });

  it('counts the flagged answer on the recruiter dashboard until a human reviews it', async () => {
    const before = await dashboard();
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ answers_awaiting_review: 2, low_confidence_answers: 1 });

    const wrong = (await results()).body.answers.find(
      (a: any) => a.question_id === questionIds.rebase,
    );
    const reviewed = await t.http.post(
      `/api/interviews/${interviewId}/answers/${wrong.answer_id}/review`,
      {
        scores: { relevance: 6, completeness: 2, accuracy: 1, clarity: 8 },
        comment: 'Rebase rewrites commits; never rebase a shared branch.',
      },
      { token: expert.accessToken },
    );
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ needs_review: false, scored_by: 'human' });
    expect(reviewed.body.machine_scores.needs_review).toBe(true);

    expect((await dashboard()).body).toMatchObject({
      answers_awaiting_review: 1,
      low_confidence_answers: 0,
    });
  });

  it('documents the new fields in the OpenAPI schema', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    const schemas = doc.components.schemas;

    expect(schemas.AnswerResult.properties.needs_review.type).toBe('boolean');
    expect(schemas.MachineScore.properties.confidence).toBeDefined();
    expect(schemas.RecruiterDashboardResponse.properties.low_confidence_answers).toBeDefined();
  });
});
