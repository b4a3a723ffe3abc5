import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AnswerScoringService } from '../src/interviews/scoring/answer-scoring.service';
import { InterviewFinalisationService } from '../src/interviews/scoring/interview-finalisation.service';
import { createStaff, loginAdmin, signupCandidate, SignedIn } from './support/factories';
import { HttpResponse } from './support/http-client';
import { createTestApp, TestApp } from './support/test-app';

// Scoring runs in the queue and sign-ups hash passwords: more than Jest's 5 s default under load.
jest.setTimeout(60_000);

const WEIGHTS = { relevance: 0.3, completeness: 0.25, accuracy: 0.3, clarity: 0.15 };

interface Question {
  id: string;
  question_text: string;
  gold_standard_answer: string;
  key_points: string[];
}

async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// 20–26 words drawn from the key points: long enough to fingerprint, short enough that the
// "implausibly fast" signal (30+ words) stays quiet for answers typed instantly by the test.
function answerFor(q: Question): string {
  const text = `In my experience the important parts are ${q.key_points.join(', ')} and I would explain each with an example from production work.`;
  return text.split(/\s+/).slice(0, 26).join(' ');
}

describe('Interviews (e2e)', () => {
  let t: TestApp;
  let recruiter: SignedIn;
  let expert: SignedIn;
  const candidates: Record<'a' | 'b' | 'c', SignedIn> = {} as never;
  const applications: Record<'a' | 'b' | 'c', string> = {} as never;
  let jobId: string;
  let questions: Question[];
  const candidateBodies: string[] = [];
  // Outbound webhooks (interview.scheduled / interview.completed) land here.
  const webhookBodies: { event: string; data: Record<string, unknown> }[] = [];
  let receiver: Server;

  // Every response a candidate receives is kept, to prove no reference material ever leaks.
  const asCandidate = async (res: Promise<HttpResponse>): Promise<HttpResponse> => {
    const done = await res;
    candidateBodies.push(done.text);
    return done;
  };
  const schedule = (applicationId: string, extra: Record<string, unknown> = {}) =>
    t.http.post(
      '/api/interviews',
      {
        application_id: applicationId,
        scheduled_at: new Date(Date.now() + 60_000).toISOString(),
        mode: 'async',
        question_ids: questions.map((q) => q.id),
        ...extra,
      },
      { token: recruiter.accessToken },
    );
  const results = (id: string) =>
    t.http.get(`/api/interviews/${id}/results`, { token: recruiter.accessToken });
  const takeInterview = async (who: SignedIn, id: string, answers: (q: Question) => string) => {
    const start = await asCandidate(
      t.http.post(`/api/interviews/${id}/start`, {}, { token: who.accessToken }),
    );
    expect(start.status).toBe(200);
    const receipts = [];
    for (const q of questions) {
      const res = await asCandidate(
        t.http.post(
          `/api/interviews/${id}/answers`,
          { question_id: q.id, answer_text: answers(q) },
          { token: who.accessToken },
        ),
      );
      expect(res.status).toBe(201);
      receipts.push(res.body);
    }
    const complete = await asCandidate(
      t.http.post(`/api/interviews/${id}/complete`, {}, { token: who.accessToken }),
    );
    expect(complete.status).toBe(200);
    return { start, receipts };
  };

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        webhookBodies.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    t = await createTestApp({ env: { WEBHOOKS_ALLOW_PRIVATE: 'true' } });
    const admin = await loginAdmin(t.http);
    const hook = await t.http.post(
      '/api/webhooks',
      {
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
        events: ['interview.scheduled', 'interview.completed'],
        secret: 'interview-webhook-secret-0123',
      },
      { token: admin.accessToken },
    );
    expect(hook.status).toBe(201);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    expert = await createStaff(t.http, admin, 'domain_expert');
    const job = await t.http.post(
      '/api/jobs',
      {
        title: 'Backend Engineer',
        description: 'APIs on PostgreSQL.',
        skills_required: ['PostgreSQL', 'TypeScript'],
      },
      { token: recruiter.accessToken },
    );
    jobId = job.body.id;
    const generated = await t.http.post(
      '/api/questions/generate',
      { job_id: jobId, count: 3, types: ['technical'] },
      { token: recruiter.accessToken },
    );
    questions = generated.body.items;
    await t.http.post(
      '/api/questions/approve',
      { question_ids: questions.map((q) => q.id), approved: true },
      { token: expert.accessToken },
    );
    for (const key of ['a', 'b', 'c'] as const) {
      const who = await signupCandidate(t.http);
      candidates[key] = who;
      const applied = await t.http.post(
        `/api/jobs/${jobId}/applications`,
        {
          applicant_name: `Candidate ${key}`,
          applicant_email: who.email,
          consent_data_processing: true,
          skills: ['Docker'],
        },
        { token: who.accessToken },
      );
      applications[key] = applied.body.id;
      if (key !== 'c') {
        const consent = await t.http.post(
          '/api/gdpr/consent',
          { purpose: 'ai_evaluation', granted: true, policy_version: '2026-01' },
          { token: who.accessToken },
        );
        expect(consent.status).toBe(201);
      }
    }
  });

  afterAll(async () => {
    await t.close();
    delete process.env.WEBHOOKS_ALLOW_PRIVATE;
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('refuses to schedule without approved questions, with a clear message', async () => {
    const other = await t.http.post(
      '/api/jobs',
      { title: 'Empty', description: 'No questions yet.' },
      { token: recruiter.accessToken },
    );
    const who = await signupCandidate(t.http);
    const applied = await t.http.post(
      `/api/jobs/${other.body.id}/applications`,
      { applicant_name: 'Nobody', applicant_email: who.email, consent_data_processing: true },
      { token: who.accessToken },
    );
    const res = await schedule(applied.body.id, { question_ids: undefined, question_count: 3 });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'NO_APPROVED_QUESTIONS' });
    expect(res.body.detail).toMatch(/approved questions/);
  });

  it('schedules a screening interview and moves the application to Interview Scheduled', async () => {
    const [unapproved] = (
      await t.http.post(
        '/api/questions/generate',
        { job_id: jobId, count: 1 },
        { token: recruiter.accessToken },
      )
    ).body.items;
    expect((await schedule(applications.a, { question_ids: [unapproved.id] })).status).toBe(409);
    expect((await schedule(applications.a, { question_count: 2 })).status).toBe(400);
    const asCandidateRes = await t.http.post(
      '/api/interviews',
      {},
      { token: candidates.a.accessToken },
    );
    expect(asCandidateRes.status).toBe(403);

    const res = await schedule(applications.a);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      application_id: applications.a,
      job_id: jobId,
      kind: 'screening',
      mode: 'async',
      status: 'Scheduled',
      question_count: 3,
      meeting: null,
      overall_score: null,
      recommendation: null,
    });
    const application = await t.http.get(`/api/applications/${applications.a}`, {
      token: recruiter.accessToken,
    });
    expect(application.body).toMatchObject({ status: 'Interview Scheduled', stage: 'interview' });
  });

  it('writes an RFC 5545 invitation that follows reschedules and cancellation', async () => {
    const created = await schedule(applications.a, {
      scheduled_at: '2030-03-04T09:30:00Z',
      duration_minutes: 45,
    });
    const id = created.body.id;
    const ics = await asCandidate(
      t.http.get(`/api/interviews/${id}/calendar.ics`, { token: candidates.a.accessToken }),
    );
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(ics.text.endsWith('\r\n')).toBe(true);
    expect(ics.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.text.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    const lines = ics.text.replace(/\r\n[ \t]/g, '').split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toEqual(
      expect.arrayContaining([
        'VERSION:2.0',
        'METHOD:REQUEST',
        `UID:${id}@panelist`,
        'DTSTART:20300304T093000Z',
        'DTEND:20300304T101500Z',
        'SEQUENCE:0',
        'END:VEVENT',
        'END:VCALENDAR',
      ]),
    );
    expect(lines.find((l) => l.startsWith('DTSTAMP:'))).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    expect(lines.find((l) => l.startsWith('ATTENDEE'))).toContain(`mailto:${candidates.a.email}`);
    // Too early to start.
    expect(
      (
        await asCandidate(
          t.http.post(`/api/interviews/${id}/start`, {}, { token: candidates.a.accessToken }),
        )
      ).status,
    ).toBe(409);

    const moved = await t.http.patch(
      `/api/interviews/${id}`,
      { scheduled_at: '2030-03-05T14:00:00Z' },
      { token: recruiter.accessToken },
    );
    expect(moved.status).toBe(200);
    const after = (
      await t.http.get(`/api/interviews/${id}/calendar.ics`, { token: recruiter.accessToken })
    ).text;
    expect(after).toContain('SEQUENCE:1\r\n');
    expect(after).toContain('DTSTART:20300305T140000Z\r\n');
    const cancelled = await t.http.post(
      `/api/interviews/${id}/cancel`,
      { reason: 'Role filled' },
      { token: recruiter.accessToken },
    );
    expect(cancelled.body.status).toBe('Cancelled');
    const cancel = (
      await t.http.get(`/api/interviews/${id}/calendar.ics`, { token: recruiter.accessToken })
    ).text;
    expect(cancel).toContain('METHOD:CANCEL\r\n');
    expect(cancel).toContain('STATUS:CANCELLED\r\n');
    expect(cancel).toContain('SEQUENCE:2\r\n');
    expect(
      (await t.http.get(`/api/interviews/${id}/calendar.ics`, { token: candidates.b.accessToken }))
        .status,
    ).toBe(404);
  });

  it('runs generate → approve → schedule → start → answer → complete → results', async () => {
    const listed = await t.http.get('/api/interviews', {
      token: recruiter.accessToken,
      query: { application_id: applications.a, status: 'Scheduled' },
    });
    const id = listed.body.items[0].id;
    const { start, receipts } = await takeInterview(candidates.a, id, answerFor);
    expect(start.body.interview.status).toBe('In Progress');
    expect(start.body.questions).toHaveLength(3);
    for (const q of start.body.questions) {
      expect(Object.keys(q).sort()).toEqual([
        'answered',
        'id',
        'order',
        'question_text',
        'question_type',
      ]);
    }
    expect(receipts.every((r) => r.scoring_status === 'pending')).toBe(true);
    const again = await asCandidate(
      t.http.post(
        `/api/interviews/${id}/answers`,
        { question_id: questions[0].id, answer_text: 'Again' },
        { token: candidates.a.accessToken },
      ),
    );
    expect(again.status).toBe(409);

    const final = await until(
      () => results(id),
      (r) => r.body.results_status === 'complete',
    );
    expect(final.status).toBe(200);
    expect(final.body.answers).toHaveLength(3);
    for (const answer of final.body.answers) {
      expect(answer).toMatchObject({
        scored_by: 'offline',
        scoring_status: 'scored',
        human_review: null,
      });
      const s = answer.scores;
      for (const value of Object.values<number>(s)) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(10);
      }
      const weighted =
        s.relevance * WEIGHTS.relevance +
        s.completeness * WEIGHTS.completeness +
        s.accuracy * WEIGHTS.accuracy +
        s.clarity * WEIGHTS.clarity;
      expect(s.overall).toBeCloseTo(weighted, 1);
      expect(answer.answer_text).toBe(
        answerFor(questions.find((q) => q.id === answer.question_id)!),
      );
      expect(answer.rationale).toEqual(expect.any(String));
      expect(
        Array.isArray(answer.matched_key_points) && Array.isArray(answer.missed_key_points),
      ).toBe(true);
    }
    const mean = final.body.answers.reduce((sum: number, a: any) => sum + a.scores.overall, 0) / 3;
    expect(final.body.overall_score).toBeCloseTo(mean, 1);
    const expected =
      final.body.overall_score >= 7.5
        ? 'select'
        : final.body.overall_score >= 5
          ? 'next_round'
          : 'reject';
    expect(final.body.recommendation).toBe(expected);
    expect(final.body.fraud_risk).toEqual({ score: 0, level: 'low', signals: [] });

    // The candidate profile shows the interview with its outcome.
    const application = await t.http.get(`/api/applications/${applications.a}`, {
      token: recruiter.accessToken,
    });
    const profile = await t.http.get(`/api/candidates/${application.body.candidate_id}`, {
      token: recruiter.accessToken,
    });
    expect(profile.body.interviews).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id,
          status: 'Completed',
          overall_score: final.body.overall_score,
          recommendation: final.body.recommendation,
        }),
      ]),
    );

    // Answers are stored encrypted, with a fingerprint instead of the text.
    const [row] = await t.dataSource.query(
      'SELECT answer_text_encrypted, minhash, lsh_bands FROM interview_answers WHERE interview_id = $1 LIMIT 1',
      [id],
    );
    expect(row.answer_text_encrypted).toMatch(/^enc1\./);
    expect(row.minhash).toHaveLength(128);
    expect(row.lsh_bands).toHaveLength(32);

    // The candidate sees their interview, but not its scores; not the results route either.
    const mine = await asCandidate(
      t.http.get(`/api/interviews/${id}`, { token: candidates.a.accessToken }),
    );
    expect(mine.body).toMatchObject({
      status: 'Completed',
      overall_score: null,
      recommendation: null,
      fraud_risk: null,
    });
    expect(
      (
        await asCandidate(
          t.http.get(`/api/interviews/${id}/results`, { token: candidates.a.accessToken }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await asCandidate(
          t.http.get(`/api/interviews/${id}/feedback`, { token: candidates.a.accessToken }),
        )
      ).status,
    ).toBe(403);
  });

  it("hides another candidate's interview behind a 404", async () => {
    const [interview] = (
      await t.http.get('/api/interviews', {
        token: recruiter.accessToken,
        query: { application_id: applications.a, status: 'Completed' },
      })
    ).body.items;
    const b = candidates.b.accessToken;
    expect((await t.http.get(`/api/interviews/${interview.id}`, { token: b })).status).toBe(404);
    expect(
      (await t.http.post(`/api/interviews/${interview.id}/start`, {}, { token: b })).status,
    ).toBe(404);
    expect(
      (await t.http.post(`/api/interviews/${interview.id}/complete`, {}, { token: b })).status,
    ).toBe(404);
    expect(
      (await t.http.get(`/api/interviews/${interview.id}/questions`, { token: b })).status,
    ).toBe(404);
    const own = await t.http.get('/api/interviews', { token: b });
    expect(own.body.items.some((i: any) => i.id === interview.id)).toBe(false);
    const ofA = await asCandidate(
      t.http.get('/api/interviews', { token: candidates.a.accessToken }),
    );
    expect(ofA.body.items.map((i: any) => i.id)).toContain(interview.id);
    // A candidate sees the text of questions they were asked, nothing more.
    const asked = await asCandidate(
      t.http.get(`/api/questions/approved/${jobId}`, { token: candidates.a.accessToken }),
    );
    expect(asked.status).toBe(200);
    expect(asked.body.items).toHaveLength(3);
    expect(Object.keys(asked.body.items[0]).sort()).toEqual([
      'id',
      'question_text',
      'question_type',
    ]);
    expect(
      (await t.http.get(`/api/questions/approved/${jobId}`, { token: candidates.c.accessToken }))
        .status,
    ).toBe(404);
  });

  it('raises fraud risk for integrity signals without changing any score', async () => {
    const first = (
      await t.http.get('/api/interviews', {
        token: recruiter.accessToken,
        query: { application_id: applications.a, status: 'Completed' },
      })
    ).body.items[0];
    const created = await schedule(applications.b);
    const id = created.body.id;
    await asCandidate(
      t.http.post(`/api/interviews/${id}/start`, {}, { token: candidates.b.accessToken }),
    );
    const at = new Date().toISOString();
    for (const type of ['tab_hidden', 'tab_hidden', 'devtools_open']) {
      const res = await asCandidate(
        t.http.post(
          `/api/interviews/${id}/events`,
          { type, at },
          { token: candidates.b.accessToken },
        ),
      );
      expect(res.status).toBe(202);
    }
    const paste = await asCandidate(
      t.http.post(
        `/api/interviews/${id}/events`,
        { type: 'paste', at, question_id: questions[0].id, detail: { length: 480 } },
        { token: candidates.b.accessToken },
      ),
    );
    expect(paste.status).toBe(202);
    expect(
      (
        await t.http.post(
          `/api/interviews/${id}/events`,
          { type: 'sneeze', at },
          { token: candidates.b.accessToken },
        )
      ).status,
    ).toBe(400);
    // Word for word what candidate A answered.
    await takeInterview(candidates.b, id, answerFor);
    const final = await until(
      () => results(id),
      (r) => r.body.results_status === 'complete',
    );
    const reference = (await results(first.id)).body;
    for (const answer of final.body.answers) {
      const twin = reference.answers.find((a: any) => a.question_id === answer.question_id);
      expect(answer.machine_scores.scores).toEqual(twin.machine_scores.scores);
      expect(answer.similar_answer_ids).toEqual([twin.answer_id]);
    }
    expect(final.body.overall_score).toBe(reference.overall_score);
    expect(final.body.fraud_risk.score).toBeGreaterThanOrEqual(60);
    expect(final.body.fraud_risk.level).toBe('high');
    expect(final.body.fraud_risk.signals.map((s: any) => s.type)).toEqual(
      expect.arrayContaining([
        'similar_to_other_candidate',
        'pasted_answer',
        'tab_hidden',
        'devtools_open',
      ]),
    );
    // The match is recorded from A's side too, once A's interview is re-finalised.
    const a = await until(
      () => results(first.id),
      (r) => r.body.fraud_risk.score > 0,
    );
    expect(a.body.fraud_risk.signals.map((s: any) => s.type)).toContain(
      'similar_to_other_candidate',
    );
    expect(a.body.overall_score).toBe(reference.overall_score);
    expect(
      (
        await t.http.post(
          `/api/interviews/${id}/events`,
          { type: 'copy', at },
          { token: candidates.b.accessToken },
        )
      ).status,
    ).toBe(409);
  });

  it('never double-counts a retried scoring or finalisation job', async () => {
    const [interview] = (
      await t.http.get('/api/interviews', {
        token: recruiter.accessToken,
        query: { application_id: applications.b },
      })
    ).body.items;
    const before = (await results(interview.id)).body;
    const answerId = before.answers[0].answer_id;
    const scoring = t.app.get(AnswerScoringService);
    await scoring.scoreAnswer(answerId);
    await scoring.scoreAnswer(answerId);
    // Even a job that finds its answer pending again (a crash before the status flip) adds nothing.
    await t.dataSource.query(
      "UPDATE interview_answers SET scoring_status = 'pending' WHERE id = $1",
      [answerId],
    );
    await scoring.scoreAnswer(answerId);
    const [{ count }] = await t.dataSource.query(
      'SELECT count(*)::int AS count FROM answer_scores WHERE answer_id = $1',
      [answerId],
    );
    expect(count).toBe(1);
    const finalisation = t.app.get(InterviewFinalisationService);
    await finalisation.finalise(interview.id);
    await finalisation.finalise(interview.id);
    const after = (await results(interview.id)).body;
    expect(after.overall_score).toBe(before.overall_score);
    expect(after.answers[0].scoring_status).toBe('scored');
    expect(after.answers.map((a: any) => a.scores)).toEqual(
      before.answers.map((a: any) => a.scores),
    );
  });

  it('lets a domain expert override a machine score, keeping both', async () => {
    const [interview] = (
      await t.http.get('/api/interviews', {
        token: recruiter.accessToken,
        query: { application_id: applications.a, status: 'Completed' },
      })
    ).body.items;
    const before = (await results(interview.id)).body;
    const target = before.answers[0];
    const body = {
      scores: { relevance: 10, completeness: 10, accuracy: 10, clarity: 10 },
      comment: 'Strong, precise answer',
    };
    const path = `/api/interviews/${interview.id}/answers/${target.answer_id}/review`;
    expect((await t.http.post(path, body, { token: recruiter.accessToken })).status).toBe(403);
    expect(
      (
        await t.http.post(
          path,
          { ...body, scores: { ...body.scores, clarity: 11 } },
          { token: expert.accessToken },
        )
      ).status,
    ).toBe(400);
    const res = await t.http.post(path, body, { token: expert.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      scored_by: 'human',
      scores: { relevance: 10, completeness: 10, accuracy: 10, clarity: 10, overall: 10 },
      machine_scores: { scored_by: 'offline', scores: target.machine_scores.scores },
      human_review: { comment: 'Strong, precise answer', reviewer_id: expert.id },
    });
    const after = (await results(interview.id)).body;
    const expected = (10 + before.answers[1].scores.overall + before.answers[2].scores.overall) / 3;
    expect(after.overall_score).toBeCloseTo(expected, 1);
  });

  it('does no AI scoring without ai_evaluation consent: a human scores instead', async () => {
    const created = await schedule(applications.c);
    const { receipts } = await takeInterview(
      candidates.c,
      created.body.id,
      (q) => `Honest answer about ${q.key_points[0]} from experience.`,
    );
    expect(receipts.every((r) => r.scoring_status === 'awaiting_human')).toBe(true);
    const waiting = await until(
      () => results(created.body.id),
      (r) => r.body.results_status === 'awaiting_review',
    );
    expect(waiting.body).toMatchObject({
      results_status: 'awaiting_review',
      overall_score: null,
      recommendation: null,
    });
    expect(
      waiting.body.answers.every((a: any) => a.scores === null && a.machine_scores === null),
    ).toBe(true);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM answer_scores s JOIN interview_answers a ON a.id = s.answer_id WHERE a.interview_id = $1`,
      [created.body.id],
    );
    expect(count).toBe(0);
    for (const answer of waiting.body.answers) {
      await t.http.post(
        `/api/interviews/${created.body.id}/answers/${answer.answer_id}/review`,
        {
          scores: { relevance: 6, completeness: 5, accuracy: 6, clarity: 7 },
          comment: 'Reviewed by hand',
        },
        { token: expert.accessToken },
      );
    }
    const final = (await results(created.body.id)).body;
    expect(final.results_status).toBe('complete');
    expect(
      final.answers.every((a: any) => a.scored_by === 'human' && a.machine_scores === null),
    ).toBe(true);
    expect(final.overall_score).toBeCloseTo(6 * 0.3 + 5 * 0.25 + 6 * 0.3 + 7 * 0.15, 1);
    expect(final.recommendation).toBe('next_round');
  });

  it('stores an audio answer encrypted until a transcription provider exists', async () => {
    const created = await schedule(applications.a);
    const id = created.body.id;
    await asCandidate(
      t.http.post(`/api/interviews/${id}/start`, {}, { token: candidates.a.accessToken }),
    );
    const wav = Buffer.alloc(64);
    wav.write('RIFF', 0, 'latin1');
    wav.write('WAVE', 8, 'latin1');
    const form = new FormData();
    form.append('question_id', questions[0].id);
    form.append('audio', new Blob([wav], { type: 'audio/wav' }), 'answer.wav');
    const res = await asCandidate(
      t.http.post(`/api/interviews/${id}/answers`, undefined, {
        token: candidates.a.accessToken,
        raw: form,
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.scoring_status).toBe('awaiting_transcript');
    const notAudio = new FormData();
    notAudio.append('question_id', questions[1].id);
    notAudio.append('audio', new Blob([Buffer.from('just some text, not audio at all')]), 'a.wav');
    expect(
      (
        await t.http.post(`/api/interviews/${id}/answers`, undefined, {
          token: candidates.a.accessToken,
          raw: notAudio,
        })
      ).status,
    ).toBe(415);
    const [row] = await t.dataSource.query(
      'SELECT audio_storage_key, audio_format FROM interview_answers WHERE id = $1',
      [res.body.id],
    );
    expect(row).toEqual({ audio_storage_key: `answer-audio-${res.body.id}`, audio_format: 'wav' });
  });

  it('coaches a candidate through a practice interview', async () => {
    const a = candidates.a.accessToken;
    const created = await asCandidate(
      t.http.post(
        '/api/interviews/practice',
        { track: 'PostgreSQL', difficulty: 'medium' },
        { token: a },
      ),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'practice',
      application_id: null,
      job_id: null,
      track: 'PostgreSQL',
    });
    const resumed = await asCandidate(
      t.http.post('/api/interviews/practice', { track: ' postgresql ' }, { token: a }),
    );
    expect(resumed.status).toBe(200);
    expect(resumed.body.id).toBe(created.body.id);
    const id = created.body.id;
    expect((await t.http.post(`/api/interviews/${id}/start`, {}, { token: a })).status).toBe(409);
    const generated = await asCandidate(
      t.http.post(
        `/api/interviews/${id}/generate-questions`,
        { use_resume: true, count: 2 },
        { token: a },
      ),
    );
    expect(generated.status).toBe(201);
    expect(generated.body.items).toHaveLength(2);
    const listed = await asCandidate(
      t.http.get(`/api/interviews/${id}/questions`, { token: a, query: { limit: 1 } }),
    );
    expect(Object.keys(listed.body.items[0]).sort()).toEqual([
      'id',
      'order',
      'question_text',
      'question_type',
    ]);
    expect(listed.body.next_cursor).toEqual(expect.any(String));
    await asCandidate(t.http.post(`/api/interviews/${id}/start`, {}, { token: a }));
    for (const q of generated.body.items) {
      await asCandidate(
        t.http.post(
          `/api/interviews/${id}/answers`,
          {
            question_id: q.id,
            answer_text: `I would use an index and check the plan with explain analyze for ${q.question_type} work.`,
          },
          { token: a },
        ),
      );
    }
    const feedback = await until(
      () => asCandidate(t.http.get(`/api/interviews/${id}/feedback`, { token: a })),
      (r) => r.body.answers?.every((x: any) => x.scoring_status === 'scored'),
    );
    expect(feedback.status).toBe(200);
    for (const answer of feedback.body.answers) {
      expect(answer.scores.overall).toBeGreaterThanOrEqual(0);
      expect(answer.coaching.length).toBeGreaterThan(0);
    }
    await asCandidate(t.http.post(`/api/interviews/${id}/complete`, {}, { token: a }));
    const done = await until(
      () => asCandidate(t.http.get(`/api/interviews/${id}`, { token: a })),
      (r) => r.body.overall_score !== null,
    );
    expect(done.body).toMatchObject({
      status: 'Completed',
      results_status: 'complete',
      recommendation: null,
    });
    // Practice needs consent too: it is AI scoring.
    const c = candidates.c.accessToken;
    const practice = await t.http.post(
      '/api/interviews/practice',
      { track: 'Docker' },
      { token: c },
    );
    const [q] = (
      await t.http.post(
        `/api/interviews/${practice.body.id}/generate-questions`,
        { use_resume: false },
        { token: c },
      )
    ).body.items;
    await t.http.post(`/api/interviews/${practice.body.id}/start`, {}, { token: c });
    const refused = await t.http.post(
      `/api/interviews/${practice.body.id}/answers`,
      { question_id: q.id, answer_text: 'Containers share the kernel.' },
      { token: c },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('AI_EVALUATION_CONSENT_REQUIRED');
    expect(
      (
        await t.http.post(
          '/api/interviews/practice',
          { track: 'Go' },
          { token: recruiter.accessToken },
        )
      ).status,
    ).toBe(403);
  });

  it('emits interview.scheduled and interview.completed webhooks with ids only', async () => {
    const [interview] = (
      await t.http.get('/api/interviews', {
        token: recruiter.accessToken,
        query: { application_id: applications.b },
      })
    ).body.items;
    await until(
      () => Promise.resolve(webhookBodies),
      (b) =>
        b.some((x) => x.event === 'interview.completed' && x.data.interview_id === interview.id),
    );
    const scheduled = webhookBodies.find(
      (x) => x.event === 'interview.scheduled' && x.data.interview_id === interview.id,
    );
    expect(scheduled?.data).toMatchObject({
      application_id: applications.b,
      job_id: jobId,
      mode: 'async',
    });
    expect(
      webhookBodies.some(
        (x) => x.event === 'interview.completed' && x.data.interview_id === interview.id,
      ),
    ).toBe(true);
    const all = JSON.stringify(webhookBodies);
    expect(all).not.toContain(candidates.b.email);
    expect(webhookBodies.some((x) => x.data.track !== undefined)).toBe(false);
  });

  it('never sends a candidate a gold answer, key points or screening scores', () => {
    expect(candidateBodies.length).toBeGreaterThan(20);
    const all = candidateBodies.join('\n');
    for (const q of questions) {
      expect(all).not.toContain(q.gold_standard_answer);
    }
    expect(all).not.toMatch(/gold_standard_answer|key_points|"recommendation":"|machine_scores/);
  });
});
