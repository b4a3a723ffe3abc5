import { jwt } from '../support/jwt-forge';
import { CryptoService } from '../../src/crypto/crypto.service';
import { createStaff, login, signupCandidate, SignedIn, unique } from '../support/factories';
import { createTestApp, TEST_SECRETS, TestApp } from '../support/test-app';
import { hiringFixture, meetingBody, openSignalStream, until } from '../support/video-fixtures';

// Issue #13: sessions (13.13), the recruiter dashboard (13.17), header/calendar injection (13.11).
describe('Hardening: streams, dashboard, calendar (e2e)', () => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof hiringFixture>>;

  beforeAll(async () => {
    t = await createTestApp();
    f = await hiringFixture(t.http);
  });

  afterAll(() => t.close());

  describe('#13.13 WebRTC signalling streams end with the session', () => {
    let roomId: string;
    const post = (who: SignedIn, payload: unknown) =>
      t.http.post(
        `/api/video/rooms/${roomId}/signal`,
        { type: 'offer', payload },
        { token: who.accessToken },
      );

    // Streams below start after what is already in the room (no replay of earlier messages).
    const fromNow = async () => {
      const [row] = await t.dataSource.query<{ seq: number | null }[]>(
        'SELECT max(seq)::int AS seq FROM video_signals WHERE meeting_id = $1',
        [roomId],
      );
      return { 'last-event-id': String(row.seq ?? 0) };
    };

    beforeAll(async () => {
      const interviewId = await f.schedule();
      const room = await t.http.post('/api/video/meetings', meetingBody(interviewId), {
        token: f.recruiter.accessToken,
      });
      expect(room.status).toBe(201);
      roomId = room.body.id;
    });

    it('#13.13 stops delivering once the session has logged out', async () => {
      const session = await login(t.http, f.candidate.username, f.candidate.password);
      const stream = await openSignalStream(t.baseUrl, session, roomId, await fromNow());
      try {
        expect(stream.res.status).toBe(200);
        expect((await post(f.recruiter, { n: 1 })).status).toBe(201);
        expect((await stream.next()).data.payload).toEqual({ n: 1 });
        const out = await t.http.post(
          '/api/auth/logout',
          { refresh_token: session.refreshToken },
          { token: session.accessToken },
        );
        expect(out.status).toBe(204);
        expect((await post(f.recruiter, { n: 2, secret: 'after logout' })).status).toBe(201);
        await expect(stream.next(5_000)).rejects.toThrow('stream ended');
      } finally {
        stream.close();
      }
    });

    it('#13.13 stops delivering once the account is deactivated', async () => {
      const staff = await createStaff(t.http, f.admin, 'recruiter');
      const stream = await openSignalStream(t.baseUrl, staff, roomId, await fromNow());
      try {
        expect(stream.res.status).toBe(200);
        const off = await t.http.patch(
          `/api/admin/users/${staff.id}`,
          { is_active: false },
          { token: f.admin.accessToken },
        );
        expect(off.status).toBe(200);
        expect((await post(f.candidate, { n: 3 })).status).toBe(201);
        await expect(stream.next(5_000)).rejects.toThrow('stream ended');
      } finally {
        stream.close();
      }
    });

    it('#13.13 ends a stream when the access token that opened it expires', async () => {
      const claims = jwt.decode(f.candidate.accessToken) as Record<string, unknown>;
      const shortLived = jwt.sign(
        {
          sub: claims.sub,
          role: claims.role,
          tv: claims.tv,
          sid: claims.sid,
          typ: 'access',
          exp: Math.floor(Date.now() / 1000) + 2,
        },
        TEST_SECRETS.JWT_SECRET,
        { algorithm: 'HS256', issuer: 'panelist', audience: 'panelist-api' },
      );
      const opened = Date.now();
      const stream = await openSignalStream(
        t.baseUrl,
        { ...f.candidate, accessToken: shortLived },
        roomId,
        await fromNow(),
      );
      try {
        expect(stream.res.status).toBe(200);
        await expect(stream.next(8_000)).rejects.toThrow('stream ended');
        expect(Date.now() - opened).toBeLessThan(8_000);
      } finally {
        stream.close();
      }
    });
  });

  describe('#13.17 the recruiter dashboard reads the real review state', () => {
    it('#13.17 counts answers awaiting review and drops them once a human has reviewed them', async () => {
      const expert = await createStaff(t.http, f.admin, 'domain_expert');
      const job = await t.http.post(
        '/api/jobs',
        { title: 'Reviewed Engineer', description: 'Review me', skills_required: ['SQL'] },
        { token: f.recruiter.accessToken },
      );
      const generated = await t.http.post(
        '/api/questions/generate',
        { job_id: job.body.id, count: 2, types: ['technical'] },
        { token: f.recruiter.accessToken },
      );
      const questions: { id: string; key_points: string[] }[] = generated.body.items;
      await t.http.post(
        '/api/questions/approve',
        { question_ids: questions.map((q) => q.id), approved: true },
        { token: expert.accessToken },
      );
      const dashboard = async () =>
        (await t.http.get('/api/recruiter/dashboard', { token: f.recruiter.accessToken })).body;
      const baseline = (await dashboard()).answers_awaiting_review;
      expect(typeof baseline).toBe('number');

      const interviews: string[] = [];
      for (const aiConsent of [true, false]) {
        const who = await signupCandidate(t.http);
        if (aiConsent) {
          await t.http.post(
            '/api/gdpr/consent',
            { purpose: 'ai_evaluation', granted: true, policy_version: '2026-01' },
            { token: who.accessToken },
          );
        }
        const applied = await t.http.post(
          `/api/jobs/${job.body.id}/applications`,
          { applicant_name: 'Rita', applicant_email: who.email, consent_data_processing: true },
          { token: who.accessToken },
        );
        const scheduled = await t.http.post(
          '/api/interviews',
          {
            application_id: applied.body.id,
            scheduled_at: new Date(Date.now() + 60_000).toISOString(),
            mode: 'async',
            question_ids: questions.map((q) => q.id),
          },
          { token: f.recruiter.accessToken },
        );
        const id = scheduled.body.id;
        interviews.push(id);
        await t.http.post(`/api/interviews/${id}/start`, {}, { token: who.accessToken });
        for (const q of questions) {
          await t.http.post(
            `/api/interviews/${id}/answers`,
            {
              question_id: q.id,
              answer_text: `I would cover ${q.key_points.join(', ')} with an example from work.`,
            },
            { token: who.accessToken },
          );
        }
        await t.http.post(`/api/interviews/${id}/complete`, {}, { token: who.accessToken });
      }
      const results = (id: string) =>
        t.http.get(`/api/interviews/${id}/results`, { token: f.recruiter.accessToken });
      const scored = await until(
        () => results(interviews[0]),
        (r) => r.body.results_status === 'complete',
      );
      expect(scored.body.results_status).toBe('complete');
      // Two machine-scored answers and two waiting for a human score.
      expect((await dashboard()).answers_awaiting_review).toBe(baseline + 4);

      await t.http.post(
        `/api/interviews/${interviews[0]}/answers/${scored.body.answers[0].answer_id}/review`,
        { scores: { relevance: 8, completeness: 8, accuracy: 8, clarity: 8 }, comment: 'Agreed' },
        { token: expert.accessToken },
      );
      const waiting = (await results(interviews[1])).body.answers;
      await t.http.post(
        `/api/interviews/${interviews[1]}/answers/${waiting[0].answer_id}/review`,
        { scores: { relevance: 5, completeness: 5, accuracy: 5, clarity: 5 }, comment: 'By hand' },
        { token: expert.accessToken },
      );
      const after = await dashboard();
      expect(after.answers_awaiting_review).toBe(baseline + 2);
      expect(after).not.toHaveProperty('notes');
      expect(Array.isArray(after.upcoming_interviews)).toBe(true);
    });
  });

  describe('#13.11 control characters in e-mail addresses', () => {
    const hostile = [
      '"x\r\nATTACH:https://evil.test/a"@example.com',
      '"x\nX-EVIL:1"@example.com',
      '"x\u0000y"@example.com',
      'line\u2028sep@example.com',
    ];

    it.each(hostile.map((email) => [JSON.stringify(email), email]))(
      '#13.11 refuses %s in every e-mail field with 400',
      async (_label, email) => {
        const job = await t.http.post(
          '/api/jobs',
          { title: 'Injection', description: 'x' },
          { token: f.recruiter.accessToken },
        );
        const requests = [
          t.http.post(`/api/jobs/${job.body.id}/applications`, {
            applicant_name: 'Eve',
            applicant_email: email,
            consent_data_processing: true,
          }),
          t.http.post('/api/auth/signup', {
            username: unique('eve_'),
            email,
            password: 'violet-harbour-kettle-93',
          }),
          t.http.post(
            '/api/admin/users',
            {
              username: unique('evs_'),
              email,
              password: 'violet-harbour-kettle-93',
              role: 'recruiter',
            },
            { token: f.admin.accessToken },
          ),
          t.http.post(
            '/api/gdpr/export',
            { format: 'json', email },
            { token: f.admin.accessToken },
          ),
        ];
        for (const res of await Promise.all(requests)) {
          expect(res.status).toBe(400);
          expect(JSON.stringify(res.body.errors)).toMatch(/email/);
        }
      },
    );

    it('#13.11 an address stored before the check still cannot inject calendar properties', async () => {
      const interviewId = await f.schedule();
      const [row] = await t.dataSource.query<{ id: string }[]>(
        'SELECT candidate_id AS id FROM interviews WHERE id = $1',
        [interviewId],
      );
      const crypto = t.app.get(CryptoService);
      await t.dataSource.query(
        'UPDATE candidates SET email_encrypted = $2, full_name_encrypted = $3 WHERE id = $1',
        [
          row.id,
          crypto.encrypt(
            '"x\r\nATTACH:https://evil.test/a"@example.com',
            CryptoService.fieldAad('candidates', 'email', row.id),
          ),
          crypto.encrypt(
            'Eve\r\nATTACH:https://evil.test/b',
            CryptoService.fieldAad('candidates', 'full_name', row.id),
          ),
        ],
      );
      const ics = await t.http.get(`/api/interviews/${interviewId}/calendar.ics`, {
        token: f.recruiter.accessToken,
      });
      expect(ics.status).toBe(200);
      const lines = ics.text.replace(/\r\n[ \t]/g, '').split('\r\n');
      expect(lines.filter((l) => /^ATTACH/i.test(l))).toEqual([]);
      expect(ics.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      expect(lines.find((l) => l.startsWith('ATTENDEE'))).toContain(
        'mailto:%22x%0D%0AATTACH%3Ahttps%3A%2F%2Fevil.test%2Fa%22@example.com',
      );
    });
  });
});
