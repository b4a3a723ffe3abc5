import { FakeGemini, startFakeGemini } from './support/fake-gemini-server';
import { createStaff, loginAdmin, signupCandidate, SignedIn } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

// Scoring runs in the queue and sign-ups hash passwords: more than Jest's 5 s default under load.
jest.setTimeout(60_000);

const QUESTION_FIELDS = [
  'id',
  'job_id',
  'question_text',
  'question_type',
  'difficulty_level',
  'skills_tested',
  'gold_standard_answer',
  'key_points',
  'is_approved',
  'approved_by',
  'approved_at',
  'source',
];

describe('Questions (e2e)', () => {
  let t: TestApp;
  let recruiter: SignedIn;
  let expert: SignedIn;
  let candidate: SignedIn;
  let jobId: string;
  let otherJobId: string;

  const generate = (body: Record<string, unknown>, token = recruiter.accessToken) =>
    t.http.post('/api/questions/generate', body, { token });

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    expert = await createStaff(t.http, admin, 'domain_expert');
    candidate = await signupCandidate(t.http);
    const job = await t.http.post(
      '/api/jobs',
      {
        title: 'Backend Engineer',
        description: 'Build hiring APIs on PostgreSQL with TypeScript.',
        skills_required: ['PostgreSQL', 'TypeScript'],
      },
      { token: recruiter.accessToken },
    );
    jobId = job.body.id;
    const other = await t.http.post(
      '/api/jobs',
      { title: 'Data Engineer', description: 'Pipelines in Python.', skills_required: ['Python'] },
      { token: recruiter.accessToken },
    );
    otherJobId = other.body.id;
  });

  afterAll(() => t.close());

  it('generates unapproved questions with gold answers and key points, offline', async () => {
    const res = await generate({ job_id: jobId, count: 4, types: ['technical', 'behavioral'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ source: 'offline', fallback_reason: null });
    expect(res.body.items).toHaveLength(4);
    for (const q of res.body.items) {
      expect(Object.keys(q)).toEqual(expect.arrayContaining(QUESTION_FIELDS));
      expect(q).toMatchObject({
        job_id: jobId,
        is_approved: false,
        approved_by: null,
        source: 'offline',
      });
      expect(['technical', 'behavioral']).toContain(q.question_type);
      expect(q.gold_standard_answer.length).toBeGreaterThan(20);
      expect(q.key_points.length).toBeGreaterThan(0);
    }
    // A second batch does not repeat the first.
    const again = await generate({ job_id: jobId, count: 4, types: ['technical', 'behavioral'] });
    const first = new Set(res.body.items.map((q: any) => q.question_text));
    expect(again.body.items.some((q: any) => first.has(q.question_text))).toBe(false);
  });

  it('validates generation requests and enforces roles', async () => {
    expect((await generate({ job_id: jobId, count: 21 })).status).toBe(400);
    expect((await generate({ job_id: jobId, count: 0 })).status).toBe(400);
    expect((await generate({ job_id: jobId, count: 2, types: ['trivia'] })).status).toBe(400);
    expect((await generate({ job_id: jobId, count: 2, extra: 1 })).status).toBe(400);
    expect(
      (await generate({ job_id: '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b', count: 2 })).status,
    ).toBe(404);
    expect((await generate({ job_id: jobId, count: 2 }, candidate.accessToken)).status).toBe(403);
  });

  it('tailors questions to an application of the job, and only of that job', async () => {
    const applied = await t.http.post(
      `/api/jobs/${jobId}/applications`,
      {
        applicant_name: 'Casey Candidate',
        applicant_email: candidate.email,
        applicant_phone: '+44 20 7946 0000',
        consent_data_processing: true,
        skills: ['Docker', 'Redis'],
        experience_years: 4,
      },
      { token: candidate.accessToken },
    );
    expect(applied.status).toBe(201);
    const res = await generate({ job_id: jobId, count: 3, application_id: applied.body.id });
    expect(res.status).toBe(201);
    expect(res.body.items).toHaveLength(3);
    const wrongJob = await generate({
      job_id: otherJobId,
      count: 2,
      application_id: applied.body.id,
    });
    expect(wrongJob.status).toBe(400);
  });

  it('lets a domain expert add questions by hand, and not a recruiter', async () => {
    const body = {
      job_id: jobId,
      question_text: 'How would you find the slowest queries of a PostgreSQL database?',
      question_type: 'technical',
      difficulty_level: 'medium',
      skills_tested: ['PostgreSQL'],
      gold_standard_answer:
        'Enable pg_stat_statements, sort by total and mean time, then EXPLAIN ANALYZE the worst.',
      key_points: ['pg_stat_statements', 'EXPLAIN ANALYZE'],
    };
    expect(
      (await t.http.post('/api/questions', body, { token: recruiter.accessToken })).status,
    ).toBe(403);
    const res = await t.http.post('/api/questions', body, { token: expert.accessToken });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      source: 'manual',
      is_approved: false,
      key_points: body.key_points,
    });
    const missing = await t.http.post(
      '/api/questions',
      { ...body, key_points: undefined },
      { token: expert.accessToken },
    );
    expect(missing.status).toBe(400);
  });

  it('approves, keeps every change as a version, and withdraws approval on edit', async () => {
    const [q] = (await generate({ job_id: jobId, count: 1 })).body.items;
    const approve = await t.http.post(
      '/api/questions/approve',
      { question_ids: [q.id], approved: true, comment: 'Clear and fair' },
      { token: expert.accessToken },
    );
    expect(approve.status).toBe(200);
    expect(approve.body.items[0]).toMatchObject({ is_approved: true, approved_by: expert.id });
    expect(approve.body.items[0].approved_at).toEqual(expect.any(String));
    expect(
      (
        await t.http.post(
          '/api/questions/approve',
          { question_ids: [q.id], approved: true },
          { token: recruiter.accessToken },
        )
      ).status,
    ).toBe(403);

    const edit = await t.http.patch(
      `/api/questions/${q.id}`,
      { question_text: `${q.question_text} Give an example.`, comment: 'Ask for an example' },
      { token: expert.accessToken },
    );
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({
      is_approved: false,
      approved_by: null,
      approved_at: null,
      version: 3,
    });

    await t.http.post(
      '/api/questions/approve',
      { question_ids: [q.id], approved: false, comment: 'Too vague' },
      { token: expert.accessToken },
    );
    const versions = await t.http.get(`/api/questions/${q.id}/versions`, {
      token: recruiter.accessToken,
    });
    expect(versions.status).toBe(200);
    expect(versions.body.items.map((v: any) => [v.version, v.action, v.comment])).toEqual([
      [1, 'created', null],
      [2, 'approved', 'Clear and fair'],
      [3, 'edited', 'Ask for an example'],
      [4, 'rejected', 'Too vague'],
    ]);
    expect(versions.body.items[1]).toMatchObject({
      actor_id: expert.id,
      actor_role: 'domain_expert',
    });
    expect(versions.body.items[2].snapshot).toMatchObject({
      question_text: `${q.question_text} Give an example.`,
      is_approved: false,
    });
    expect(versions.body.items[1].snapshot).toMatchObject({
      question_text: q.question_text,
      is_approved: true,
    });
  });

  it('approves all or nothing', async () => {
    const [q] = (await generate({ job_id: jobId, count: 1 })).body.items;
    const res = await t.http.post(
      '/api/questions/approve',
      { question_ids: [q.id, '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b'], approved: true },
      { token: expert.accessToken },
    );
    expect(res.status).toBe(404);
    expect(res.body.question_ids).toEqual(['3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b']);
    expect(
      (await t.http.get(`/api/questions/${q.id}`, { token: recruiter.accessToken })).body
        .is_approved,
    ).toBe(false);
    expect(
      (
        await t.http.post(
          '/api/questions/approve',
          { question_ids: ['nope'], approved: true },
          { token: expert.accessToken },
        )
      ).status,
    ).toBe(400);
  });

  it('lists by job and approval, walking every page exactly once', async () => {
    const all = await t.http.get('/api/questions', {
      token: recruiter.accessToken,
      query: { job_id: jobId, limit: 100 },
    });
    expect(all.status).toBe(200);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.http.get('/api/questions', {
        token: recruiter.accessToken,
        query: { job_id: jobId, limit: 3, cursor },
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((q: any) => q.id));
      cursor = page.body.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(all.body.items.length);
    expect(new Set(seen).size).toBe(seen.length);

    const ids = all.body.items.slice(0, 2).map((q: any) => q.id);
    await t.http.post(
      '/api/questions/approve',
      { question_ids: ids, approved: true },
      { token: expert.accessToken },
    );
    const approved = await t.http.get('/api/questions', {
      token: recruiter.accessToken,
      query: { job_id: jobId, approved: 'true' },
    });
    expect(approved.body.items.every((q: any) => q.is_approved)).toBe(true);
    expect(approved.body.items.map((q: any) => q.id)).toEqual(expect.arrayContaining(ids));
    const unapproved = await t.http.get('/api/questions', {
      token: recruiter.accessToken,
      query: { job_id: jobId, approved: 'false' },
    });
    expect(unapproved.body.items.some((q: any) => ids.includes(q.id))).toBe(false);
    expect((await t.http.get('/api/questions', { token: candidate.accessToken })).status).toBe(403);
  });

  it('gives staff the approved questions of a job and a candidate without an interview a 404', async () => {
    const staff = await t.http.get(`/api/questions/approved/${jobId}`, {
      token: recruiter.accessToken,
    });
    expect(staff.status).toBe(200);
    expect(staff.body.items.length).toBeGreaterThan(0);
    expect(staff.body.items.every((q: any) => q.is_approved && q.gold_standard_answer)).toBe(true);
    const asCandidate = await t.http.get(`/api/questions/approved/${jobId}`, {
      token: candidate.accessToken,
    });
    expect(asCandidate.status).toBe(404);
    expect(asCandidate.text).not.toContain('gold_standard_answer');
    expect((await t.http.get(`/api/questions/approved/${jobId}`)).status).toBe(401);
    expect(
      (await t.http.get('/api/questions/approved/not-a-uuid', { token: recruiter.accessToken }))
        .status,
    ).toBe(400);
  });
});

describe('Questions with Gemini configured (e2e)', () => {
  let t: TestApp;
  let fake: FakeGemini;
  let recruiter: SignedIn;
  let jobId: string;
  let applicationId: string;
  const applicant = {
    name: 'Quinn Quartermaine',
    email: 'quinn.q@example.com',
    phone: '+44 20 7946 0123',
  };

  const draft = (n: number) => ({
    question_text: `How would you design index number ${n} for a busy PostgreSQL table?`,
    question_type: 'technical',
    difficulty_level: 'medium',
    skills_tested: ['PostgreSQL'],
    gold_standard_answer: `Look at the query patterns first, then choose a B-tree on the filtered columns (${n}).`,
    key_points: ['query patterns', 'B-tree index'],
  });

  beforeAll(async () => {
    fake = await startFakeGemini();
    t = await createTestApp({
      env: { GEMINI_API_KEY: fake.apiKey, GEMINI_BASE_URL: fake.baseUrl },
    });
    const admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    const job = await t.http.post(
      '/api/jobs',
      {
        title: 'Database Engineer',
        description: 'PostgreSQL at scale.',
        skills_required: ['PostgreSQL'],
      },
      { token: recruiter.accessToken },
    );
    jobId = job.body.id;
    const applied = await t.http.post(`/api/jobs/${jobId}/applications`, {
      applicant_name: applicant.name,
      applicant_email: applicant.email,
      applicant_phone: applicant.phone,
      consent_data_processing: true,
      skills: ['PostgreSQL', 'Kafka'],
      current_position: 'Database Administrator',
    });
    applicationId = applied.body.id;
  });

  afterAll(async () => {
    await t.close();
    await fake.close();
    delete process.env.GEMINI_API_KEY;
    delete process.env.GEMINI_BASE_URL;
  });

  it('stores what Gemini generated, tailored without contact details', async () => {
    fake.enqueue({ kind: 'json', json: { questions: [draft(1), draft(2)] } });
    const res = await t.http.post(
      '/api/questions/generate',
      { job_id: jobId, count: 2, types: ['technical'], application_id: applicationId },
      { token: recruiter.accessToken },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ source: 'gemini', fallback_reason: null });
    expect(res.body.items.map((q: any) => q.source)).toEqual(['gemini', 'gemini']);
    const prompt = JSON.stringify(fake.requests[0].body);
    expect(prompt).toContain('Kafka');
    for (const value of [applicant.name, 'Quinn', applicant.email, applicant.phone]) {
      expect(prompt).not.toContain(value);
    }
  });

  it('falls back to the offline generator and records why', async () => {
    fake.enqueue({ kind: 'error', status: 400, message: 'bad request' });
    const res = await t.http.post(
      '/api/questions/generate',
      { job_id: jobId, count: 2 },
      { token: recruiter.accessToken },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ source: 'offline', fallback_reason: 'gemini_rejected' });
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items.every((q: any) => q.source === 'offline')).toBe(true);
  });
});
