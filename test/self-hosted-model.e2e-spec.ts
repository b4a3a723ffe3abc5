import { startFakeOpenAi, type FakeOpenAi } from './support/fake-openai-server';
import { createStaff, loginAdmin, signupCandidate, SignedIn } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

// Issue 21: with LLM_BASE_URL set, questions and scores come from a self-hosted model behind an
// OpenAI-compatible endpoint (here a real HTTP stand-in on 127.0.0.1), chosen by configuration.

const QUESTION = {
  question_text: 'What is the difference between a Docker image and a container?',
  question_type: 'technical',
  difficulty_level: 'medium',
  skills_tested: ['Docker'],
  gold_standard_answer:
    'An image is a read-only template built from layers. A container is a running instance of an image with a writable layer. Data that must survive goes into volumes.',
  key_points: [
    'image is a read-only template',
    'container is a running instance',
    'volumes keep data',
  ],
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

describe('Self-hosted model provider (e2e)', () => {
  let model: FakeOpenAi;
  let t: TestApp;
  let recruiter: SignedIn;
  let expert: SignedIn;

  beforeAll(async () => {
    model = await startFakeOpenAi({ apiKey: `sk-local-${Date.now()}` });
    t = await createTestApp({
      env: {
        LLM_BASE_URL: model.baseUrl,
        LLM_MODEL: 'qwen2.5:7b-instruct',
        LLM_API_KEY: model.apiKey!,
      },
    });
    const admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    expert = await createStaff(t.http, admin, 'domain_expert');
  });

  afterAll(async () => {
    await t.close();
    await model.close();
    delete process.env.LLM_BASE_URL;
    delete process.env.LLM_MODEL;
    delete process.env.LLM_API_KEY;
  });

  it('reports the self-hosted provider in health', async () => {
    const health = await t.http.get('/api/health');

    expect(health.status).toBe(200);
    expect(health.body.ai_provider).toBe('openai_compatible');
  });

  it('generates questions and scores a paraphrasing model reply through the endpoint', async () => {
    const job = await t.http.post(
      '/api/jobs',
      { title: 'Platform Engineer', description: 'Containers.', skills_required: ['Docker'] },
      { token: recruiter.accessToken },
    );
    model.enqueue({ kind: 'json', json: { questions: [QUESTION] } });
    const generated = await t.http.post(
      '/api/questions/generate',
      { job_id: job.body.id, count: 1, types: ['technical'], difficulty: 'medium' },
      { token: recruiter.accessToken },
    );
    expect(generated.status).toBe(201);
    expect(generated.body).toMatchObject({ source: 'openai_compatible', fallback_reason: null });
    const questionId = generated.body.items[0].id;
    expect(generated.body.items[0].source).toBe('openai_compatible');
    await t.http.post(
      '/api/questions/approve',
      { question_ids: [questionId], approved: true },
      { token: expert.accessToken },
    );

    const candidate = await signupCandidate(t.http);
    const applied = await t.http.post(
      `/api/jobs/${job.body.id}/applications`,
      { applicant_name: 'Robin', applicant_email: candidate.email, consent_data_processing: true },
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
        question_ids: [questionId],
      },
      { token: recruiter.accessToken },
    );
    const id = scheduled.body.id;
    // The model paraphrases two key points, invents a third and forgets one.
    model.enqueue({
      kind: 'json',
      json: {
        scores: { relevance: 9, completeness: 6.5, accuracy: 9, clarity: 8 },
        rationale: 'Explains images and containers; says nothing about volumes.',
        matched_key_points: [
          'Images are immutable, read-only templates',
          'A container is an image running as an instance',
          'Mentions layer caching',
        ],
        missed_key_points: [],
        flags: [],
        coaching: ['Say where container data should live.'],
      },
    });
    const as = { token: candidate.accessToken };
    await t.http.post(`/api/interviews/${id}/start`, {}, as);
    await t.http.post(
      `/api/interviews/${id}/answers`,
      {
        question_id: questionId,
        answer_text:
          'An image is an immutable template made of layers that you build once, while a container is a running instance of that image with its own writable layer on top of it.',
      },
      as,
    );
    await t.http.post(`/api/interviews/${id}/complete`, {}, as);

    const results = await until(
      () => t.http.get(`/api/interviews/${id}/results`, { token: recruiter.accessToken }),
      (r) => r.body.results_status === 'complete',
    );
    const [answer] = results.body.answers;
    expect(answer).toMatchObject({
      scored_by: 'openai_compatible',
      matched_key_points: ['image is a read-only template', 'container is a running instance'],
      missed_key_points: ['volumes keep data'],
      needs_review: false,
    });
    expect(answer.machine_scores).toMatchObject({ fallback_reason: null, confidence: null });
    const scoreRequest = model.requests.at(-1)!.body as { model: string; response_format: unknown };
    expect(scoreRequest.model).toBe('qwen2.5:7b-instruct');
    expect(JSON.stringify(scoreRequest.response_format)).toContain('volumes keep data');
    const [stored] = await t.dataSource.query<{ scored_by: string }[]>(
      `SELECT scored_by FROM answer_scores WHERE answer_id = $1`,
      [answer.answer_id],
    );
    expect(stored.scored_by).toBe('openai_compatible');
  });
});
