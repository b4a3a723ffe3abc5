import { compactPipelineCounters } from '../../src/pipeline/counters/pipeline-counters.fold';
import { AuditService } from '../../src/audit/audit.service';
import { CryptoService } from '../../src/crypto/crypto.service';
import { PlaintextBackfillService } from '../../src/gdpr/plaintext-backfill.service';
import { PRACTICE_TRACK_DIGEST } from '../../src/interviews/entities/interview.entity';
import { createStaff, loginAdmin, signupCandidate, SignedIn, unique } from '../support/factories';
import { dumpDatabase, until } from '../support/gdpr';
import type { HttpResponse } from '../support/http-client';
import { createTestApp, TestApp } from '../support/test-app';

// Issue 13, items 6, 8 and 9 (map: test/security/README.md): what the person's own copy holds,
// what erasure leaves behind, and which free text is stored as ciphertext.
jest.setTimeout(180_000);

const ok = async (res: Promise<HttpResponse>, status = 200): Promise<HttpResponse> => {
  const done = await res;
  if (done.status !== status) {
    throw new Error(`expected ${status}, got ${done.status}: ${done.text}`);
  }
  return done;
};

describe('Personal data: the person’s copy, erasure and encryption at rest (e2e)', () => {
  let t: TestApp;
  let crypto: CryptoService;
  let admin: SignedIn;
  let recruiter: SignedIn;
  let person: SignedIn;
  let candidateId: string;
  let applicationId: string;
  let screeningId: string;
  let practiceId: string;
  let cancelledId: string;
  let screeningQuestion: { id: string; gold_standard_answer: string; key_points: string[] };
  // Every free text the person (or staff, about them) typed carries this marker.
  const marker = unique('pd').toLowerCase();
  // The same marker in letters only, for the salary (its digits would be read as amounts).
  const alpha = marker.replace(/\d/g, (d) => String.fromCharCode(97 + Number(d)));
  const text = {
    accountCompany: `Firm ${marker}u`,
    company: `Firm${marker}c Holdings`,
    position: `Principal ${marker}p`,
    salary: `EUR 91000 ${alpha}s`,
    availability: `In two weeks ${marker}a`,
    location: `Porto ${marker}l`,
    source: `friend ${marker}src`,
    stageReason: `Good call ${marker}r`,
    clipboard: `clip ${marker}e`,
    track: `Track ${marker}t`,
    cancelReason: `Clash ${marker}x`,
    rejection: `Reason ${marker}j`,
    notes: `Notes ${marker}k`,
    scorecard: `Scorecard ${marker}o`,
  };
  const as = (who: SignedIn) => ({ token: who.accessToken });

  const exportAs = async (who: SignedIn, body: object) => {
    const accepted = await ok(
      t.http.post('/api/gdpr/export', { format: 'json', ...body }, as(who)),
      202,
    );
    const id = accepted.body.export_id;
    await until(
      () => t.http.get(`/api/gdpr/exports/${id}`, as(admin)),
      (r) => r.body.status === 'ready',
    );
    const res = await fetch(`${t.baseUrl}/api/gdpr/exports/${id}/download`, {
      headers: { authorization: `Bearer ${who.accessToken}` },
    });
    const raw = await res.text();
    return { raw, doc: JSON.parse(raw) };
  };

  beforeAll(async () => {
    t = await createTestApp();
    crypto = t.app.get(CryptoService);
    admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    const expert = await createStaff(t.http, admin, 'domain_expert');
    const username = unique('pd_');
    const signup = await ok(
      t.http.post('/api/auth/signup', {
        username,
        email: `${username}@example.com`,
        password: 'violet-harbour-kettle-93',
        company: text.accountCompany,
      }),
      201,
    );
    person = {
      id: signup.body.user.id,
      username,
      email: `${username}@example.com`,
      password: 'violet-harbour-kettle-93',
      accessToken: signup.body.access_token,
      refreshToken: signup.body.refresh_token,
    };
    await ok(
      t.http.post(
        '/api/gdpr/consent',
        { purpose: 'ai_evaluation', granted: true, policy_version: '2026-01' },
        as(person),
      ),
      201,
    );
    const job = await ok(
      t.http.post(
        '/api/jobs',
        { title: 'Platform engineer', description: 'Databases.', skills_required: ['PostgreSQL'] },
        as(recruiter),
      ),
      201,
    );
    const applied = await ok(
      t.http.post(
        `/api/jobs/${job.body.id}/applications`,
        {
          applicant_name: `Pat ${marker}n`,
          applicant_email: person.email,
          consent_data_processing: true,
          current_company: text.company,
          current_position: text.position,
          expected_salary: text.salary,
          availability: text.availability,
          location: text.location,
          source: text.source,
        },
        as(person),
      ),
      201,
    );
    applicationId = applied.body.id;
    candidateId = applied.body.candidate_id;
    await ok(
      t.http.put(
        `/api/applications/${applicationId}/status`,
        { status: 'Under Review', reason: text.stageReason },
        as(recruiter),
      ),
    );
    const generated = await ok(
      t.http.post(
        '/api/questions/generate',
        { job_id: job.body.id, count: 2, types: ['technical'] },
        as(recruiter),
      ),
      201,
    );
    screeningQuestion = generated.body.items[0];
    await ok(
      t.http.post(
        '/api/questions/approve',
        { question_ids: generated.body.items.map((q: { id: string }) => q.id), approved: true },
        as(expert),
      ),
    );
    const schedule = () =>
      ok(
        t.http.post(
          '/api/interviews',
          {
            application_id: applicationId,
            scheduled_at: new Date(Date.now() + 60_000).toISOString(),
            mode: 'async',
            question_ids: [screeningQuestion.id],
          },
          as(recruiter),
        ),
        201,
      );
    screeningId = (await schedule()).body.id;
    await ok(t.http.post(`/api/interviews/${screeningId}/start`, {}, as(person)));
    await ok(
      t.http.post(
        `/api/interviews/${screeningId}/events`,
        {
          type: 'paste',
          at: new Date().toISOString(),
          detail: { length: 42, text: text.clipboard },
        },
        as(person),
      ),
      202,
    );
    await ok(
      t.http.post(
        `/api/interviews/${screeningId}/answers`,
        {
          question_id: screeningQuestion.id,
          answer_text:
            'I would look at the schema first, then measure, and explain the trade-offs.',
        },
        as(person),
      ),
      201,
    );
    await ok(t.http.post(`/api/interviews/${screeningId}/complete`, {}, as(person)));
    await until(
      () => t.http.get(`/api/interviews/${screeningId}`, as(recruiter)),
      (r) => r.body.results_status === 'complete',
    );
    cancelledId = (await schedule()).body.id;
    await ok(
      t.http.post(
        `/api/interviews/${cancelledId}/cancel`,
        { reason: text.cancelReason },
        as(recruiter),
      ),
    );
    await ok(
      t.http.post(
        `/api/applications/${applicationId}/feedback`,
        {
          interview_id: screeningId,
          overall_recommendation: 'yes',
          rating: 4,
          notes: text.scorecard,
        },
        as(recruiter),
      ),
      201,
    );
    const practice = await ok(
      t.http.post('/api/interviews/practice', { track: text.track }, as(person)),
      201,
    );
    practiceId = practice.body.id;
    const practiceQuestions = await ok(
      t.http.post(
        `/api/interviews/${practiceId}/generate-questions`,
        { use_resume: false, count: 2 },
        as(person),
      ),
      201,
    );
    await ok(
      t.http.post(
        `/api/interviews/${practiceId}/answers`,
        {
          question_id: practiceQuestions.body.items[0].id,
          answer_text: 'I would start from the problem and give one concrete example.',
        },
        as(person),
      ),
      201,
    );
    await until(
      () => t.http.get(`/api/interviews/${practiceId}/feedback`, as(person)),
      (r) => r.body.answers?.[0]?.scoring_status === 'scored',
    );
    await ok(
      t.http.post(
        `/api/applications/${applicationId}/reject`,
        { rejection_reason: text.rejection, notes: text.notes },
        as(recruiter),
      ),
    );
    // Fold the counter deltas, so the source label sits in pipeline_counters too.
    await t.dataSource.transaction((manager) => compactPipelineCounters(manager));
  });

  afterAll(async () => {
    await t.close();
  });

  describe('13.9 free text at rest', () => {
    const openStored = (value: string | null, table: string, column: string, id: string) =>
      value === null ? null : crypto.decrypt(value, CryptoService.fieldAad(table, column, id));

    it('13.9 stores free-text personal data as ciphertext bound to its row', async () => {
      const [application] = await t.dataSource.query('SELECT * FROM applications WHERE id = $1', [
        applicationId,
      ]);
      const [candidate] = await t.dataSource.query('SELECT * FROM candidates WHERE id = $1', [
        candidateId,
      ]);
      const [user] = await t.dataSource.query('SELECT * FROM users WHERE id = $1', [person.id]);
      const interviews = await t.dataSource.query(
        'SELECT * FROM interviews WHERE id = ANY($1::uuid[])',
        [[practiceId, cancelledId]],
      );
      const practice = interviews.find((i: { id: string }) => i.id === practiceId);
      const cancelled = interviews.find((i: { id: string }) => i.id === cancelledId);
      const history = await t.dataSource.query(
        'SELECT id, reason, reason_encrypted FROM application_stage_history WHERE application_id = $1',
        [applicationId],
      );
      const sealed: [string, string, string, Record<string, string>, string][] = [
        ['applications', 'current_company', applicationId, application, text.company],
        ['applications', 'current_position', applicationId, application, text.position],
        ['applications', 'expected_salary', applicationId, application, text.salary],
        ['applications', 'availability', applicationId, application, text.availability],
        ['candidates', 'location', candidateId, candidate, text.location],
        ['candidates', 'current_company', candidateId, candidate, text.company],
        ['candidates', 'current_position', candidateId, candidate, text.position],
        ['candidates', 'expected_salary', candidateId, candidate, '91000'],
        ['users', 'company', person.id, user, text.accountCompany],
        ['interviews', 'track', practiceId, practice, text.track],
        ['interviews', 'cancel_reason', cancelledId, cancelled, text.cancelReason],
      ];
      for (const [table, column, id, row, plain] of sealed) {
        expect({ table, column, plaintext: row[column] }).toEqual({
          table,
          column,
          plaintext: null,
        });
        expect(row[`${column}_encrypted`]).toMatch(/^enc1\./);
        expect(openStored(row[`${column}_encrypted`], table, column, id)).toBe(plain);
        // Bound to its row: the same ciphertext does not open as another row's value.
        expect(() => openStored(row[`${column}_encrypted`], table, column, recruiter.id)).toThrow();
      }
      expect(practice.track_key).toBeNull();
      expect(practice.track_hash).toBe(
        crypto.blindIndex(PRACTICE_TRACK_DIGEST, text.track.toLowerCase()),
      );
      const reasons = history
        .map((h: { id: string; reason_encrypted: string | null; reason: string | null }) => {
          expect(h.reason).toBeNull();
          return openStored(h.reason_encrypted, 'application_stage_history', 'reason', h.id);
        })
        .join('\n');
      expect(reasons).toContain(text.stageReason);
      expect(reasons).toContain(text.rejection);
      expect(reasons).toContain(text.notes);
    });

    it('13.9 still answers in plain text and searches company and position by whole words', async () => {
      const application = await ok(t.http.get(`/api/applications/${applicationId}`, as(recruiter)));
      expect(application.body).toMatchObject({
        current_company: text.company,
        current_position: text.position,
        expected_salary: text.salary,
        availability: text.availability,
      });
      const profile = await ok(t.http.get(`/api/candidates/${candidateId}`, as(recruiter)));
      expect(profile.body).toMatchObject({
        location: text.location,
        current_company: text.company,
        current_position: text.position,
        expected_salary: 91000,
      });
      const history = await ok(
        t.http.get(`/api/applications/${applicationId}/history`, as(recruiter)),
      );
      expect(history.body.items.map((h: { reason: string }) => h.reason)).toContain(
        text.stageReason,
      );
      expect((await ok(t.http.get('/api/auth/me', as(person)))).body.company).toBe(
        text.accountCompany,
      );
      expect((await ok(t.http.get(`/api/interviews/${practiceId}`, as(person)))).body.track).toBe(
        text.track,
      );
      const word = `firm${marker}c`;
      const found = await ok(
        t.http.get('/api/candidates', { ...as(recruiter), query: { q: word } }),
      );
      expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([candidateId]);
      const byPosition = await ok(
        t.http.get('/api/candidates', { ...as(recruiter), query: { q: `${marker}p principal` } }),
      );
      expect(byPosition.body.items.map((c: { id: string }) => c.id)).toEqual([candidateId]);
    });

    it('13.9 encrypts rows written before the change and clears their plaintext', async () => {
      const legacy = await signupCandidate(t.http);
      const practice = await ok(
        t.http.post('/api/interviews/practice', { track: 'Legacy Track' }, as(legacy)),
        201,
      );
      // What a row written by the previous release looks like: plaintext, no ciphertext.
      await t.dataSource.query(
        `UPDATE interviews SET track = 'Legacy Track', track_encrypted = NULL,
                track_key = 'legacy track', track_hash = NULL WHERE id = $1`,
        [practice.body.id],
      );
      await t.dataSource.query(
        `UPDATE users SET company = 'Old Firm Ltd', company_encrypted = NULL WHERE id = $1`,
        [legacy.id],
      );
      // Reads fall back to the plaintext until the backfill has run; the open practice resumes.
      expect((await ok(t.http.get('/api/auth/me', as(legacy)))).body.company).toBe('Old Firm Ltd');
      const resumed = await ok(
        t.http.post('/api/interviews/practice', { track: 'legacy TRACK' }, as(legacy)),
      );
      expect(resumed.body).toMatchObject({ id: practice.body.id, track: 'Legacy Track' });

      const report = await t.app.get(PlaintextBackfillService).run();

      expect(report.columns).toMatchObject({ 'users.company': 1, 'interviews.track': 1 });
      const [user] = await t.dataSource.query(
        'SELECT company, company_encrypted FROM users WHERE id = $1',
        [legacy.id],
      );
      expect(user.company).toBeNull();
      expect(openStored(user.company_encrypted, 'users', 'company', legacy.id)).toBe(
        'Old Firm Ltd',
      );
      const [row] = await t.dataSource.query(
        'SELECT track, track_key, track_encrypted, track_hash FROM interviews WHERE id = $1',
        [practice.body.id],
      );
      expect(row).toMatchObject({
        track: null,
        track_key: null,
        track_hash: crypto.blindIndex(PRACTICE_TRACK_DIGEST, 'legacy track'),
      });
      expect(openStored(row.track_encrypted, 'interviews', 'track', practice.body.id)).toBe(
        'Legacy Track',
      );
      expect((await ok(t.http.get('/api/auth/me', as(legacy)))).body.company).toBe('Old Firm Ltd');
      expect(
        (await ok(t.http.post('/api/interviews/practice', { track: 'Legacy track' }, as(legacy))))
          .body.id,
      ).toBe(practice.body.id);
      expect((await t.app.get(PlaintextBackfillService).run()).columns['users.company']).toBe(0);
    });
  });

  describe('13.6 the person’s copy', () => {
    // What the hiring side wrote or derived about the person, never in their copy.
    const withheldText = async () => {
      const [score] = await t.dataSource.query(
        `SELECT s.rationale FROM answer_scores s JOIN interview_answers a ON a.id = s.answer_id
          WHERE a.interview_id = $1 AND s.kind = 'machine'`,
        [screeningId],
      );
      expect(score.rationale).toEqual(expect.any(String));
      return [
        screeningQuestion.gold_standard_answer,
        ...screeningQuestion.key_points,
        score.rationale as string,
        text.stageReason,
        text.rejection,
        text.notes,
        text.cancelReason,
        text.scorecard,
      ];
    };

    const expectThePersonsCopy = async (raw: string, doc: any) => {
      for (const secret of await withheldText()) {
        expect({ leaked: raw.includes(secret) ? secret : null }).toEqual({ leaked: null });
      }
      // Each interview as the candidate routes present it.
      for (const id of [screeningId, practiceId, cancelledId]) {
        const route = (await ok(t.http.get(`/api/interviews/${id}`, as(person)))).body;
        const exported = doc.records.interviews.find((i: { id: string }) => i.id === id);
        for (const field of ['results_status', 'overall_score', 'recommendation', 'fraud_risk']) {
          expect({ id, field, value: exported[field] }).toEqual({ id, field, value: route[field] });
        }
      }
      const screening = doc.records.interviews.find((i: { id: string }) => i.id === screeningId);
      expect(screening).toMatchObject({
        overall_score: null,
        recommendation: null,
        fraud_risk: null,
        results_status: null,
      });
      // Practice answers carry what the feedback route shows, and nothing more.
      const feedback = (await ok(t.http.get(`/api/interviews/${practiceId}/feedback`, as(person))))
        .body;
      expect(doc.records.answer_scores).toHaveLength(1);
      expect(Object.keys(doc.records.answer_scores[0]).sort()).toEqual([
        'answer_id',
        'coaching',
        'created_at',
        'id',
        'scores',
      ]);
      expect(doc.records.answer_scores[0]).toMatchObject({
        scores: feedback.answers[0].scores,
        coaching: feedback.answers[0].coaching,
      });
      expect(JSON.stringify(doc.records)).not.toMatch(
        /"(gold_standard_answer|key_points|matched_key_points|missed_key_points|rationale|flags|fraud_score|fraud_signals)":/,
      );
      expect(doc.records.scorecards).toBeUndefined();
      for (const entry of doc.records.audit_events) {
        expect(Object.keys(entry.metadata)).not.toContain('recommendation');
        expect(Object.keys(entry.metadata)).not.toContain('overall_score');
      }
      expect(doc.withheld).toMatchObject({
        interview_assessments: { count: 1 },
        answer_scores: { count: 1 },
        scorecards: { count: 1 },
        interview_cancel_reasons: { count: 1 },
        application_history_reasons: { count: expect.any(Number) },
      });
      // Their own words are all there.
      for (const own of [text.company, text.availability, text.location, text.track]) {
        expect(raw).toContain(own);
      }
    };

    it('13.6 the person’s own export shows the assessment exactly as the candidate routes do', async () => {
      const { raw, doc } = await exportAs(person, {});
      await expectThePersonsCopy(raw, doc);
    });

    it('13.6 an admin’s export on the person’s behalf is the same person’s copy', async () => {
      const { raw, doc } = await exportAs(admin, { candidate_id: candidateId });
      await expectThePersonsCopy(raw, doc);
    });
  });

  describe('13.8 erasure', () => {
    it('13.8 never stores text a browser sends in a proctoring event', async () => {
      const rows = await t.dataSource.query(
        'SELECT detail FROM interview_events WHERE interview_id = $1',
        [screeningId],
      );
      expect(rows).toEqual([{ detail: { length: 42 } }]);
    });

    it('13.8 keeps audit metadata to ids and codes: the source as its channel, free text refused', async () => {
      const [created] = await t.dataSource.query(
        "SELECT metadata FROM audit_events WHERE action = 'application.created' AND target_id = $1",
        [applicationId],
      );
      expect(created.metadata.source).toBe('other');
      await expect(
        t.app.get(AuditService).recordStandalone({
          action: 'test.free_text',
          metadata: { detail: `Called ${marker} about the offer` },
        }),
      ).rejects.toThrow(/id or a code/);
    });

    it('13.8 erasure leaves none of the person’s free text in any column of any table', async () => {
      const before = await dumpDatabase(t.dataSource);
      // Clear text before erasure: the source (statistics) and the practice questions.
      expect(before).toContain(text.source);
      expect(before).toContain(text.track.toLowerCase());
      const request = await ok(t.http.post('/api/gdpr/delete', {}, as(person)), 202);
      const done = await until(
        () => t.http.get(`/api/gdpr/requests/${request.body.request_id}`, as(admin)),
        (r) => ['completed', 'failed'].includes(r.body.status),
      );
      expect(done.body.status).toBe('completed');

      const after = await dumpDatabase(t.dataSource);
      expect(after.includes(marker)).toBe(false);
      expect(after.includes(alpha)).toBe(false);
      // The statistics stay, with the source reduced to its channel.
      const [application] = await t.dataSource.query(
        'SELECT stage, source FROM applications WHERE id = $1',
        [applicationId],
      );
      expect(application).toEqual({ stage: 'rejected', source: 'other' });
      const analytics = await ok(t.http.get('/api/ats/analytics', as(recruiter)));
      expect(JSON.stringify(analytics.body)).not.toContain(marker);
      expect(analytics.body.sources).toEqual(
        expect.arrayContaining([expect.objectContaining({ source: 'other', applications: 1 })]),
      );
    });
  });
});
