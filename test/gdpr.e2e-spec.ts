jest.setTimeout(120_000);

import { Injectable } from '@nestjs/common';
import { unzipSync } from 'fflate';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CryptoService } from '../src/crypto/crypto.service';
import { DataExportService } from '../src/gdpr/exports/data-export.service';
import { EncryptedValuesRepository } from '../src/gdpr/encrypted-values.repository';
import { rotateEncryptionKeys } from '../src/gdpr/key-rotation';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataHandler,
  PersonalDataProvider,
} from '../src/kernel/personal-data/personal-data-handler';
import { PersonalDataRegistry } from '../src/gdpr/personal-data/personal-data.registry';
import { RetentionScheduler } from '../src/gdpr/retention/retention-scheduler';
import { FILE_STORAGE } from '../src/storage/file-storage';
import { createStaff, loginAdmin, signupCandidate, SignedIn, unique } from './support/factories';
import {
  dropDatabase,
  dumpDatabase,
  storageDump,
  storedFileKeyIds,
  until,
  valuesUnderKey,
} from './support/gdpr';
import { uploadResume, waitForParsing } from './support/resume-uploads';
import { createTestApp, TEST_SECRETS, TestApp } from './support/test-app';

// Erasure must survive a crash halfway: this handler fails its first erase when told to.
@Injectable()
@PersonalDataProvider()
class CrashOnceHandler implements PersonalDataHandler {
  static failures = 0;
  readonly name = 'test-crash-once';
  readonly tables = {};
  readonly order = 10;
  export(): Promise<PersonalDataExport> {
    return Promise.resolve({ records: {} });
  }
  erase(): Promise<ErasureCounts> {
    if (CrashOnceHandler.failures > 0) {
      CrashOnceHandler.failures -= 1;
      return Promise.reject(new Error('simulated crash'));
    }
    return Promise.resolve({});
  }
}

interface Person {
  who?: SignedIn;
  candidateId: string;
  applicationId: string;
  strings: string[];
}

const apply = (t: TestApp, jobId: string, body: object, token?: string) =>
  t.http.post(
    `/api/jobs/${jobId}/applications`,
    { consent_data_processing: true, ...body },
    { token },
  );

async function applicant(t: TestApp, jobId: string, signedUp: boolean): Promise<Person> {
  const tag = unique('q').toLowerCase();
  const who = signedUp ? await signupCandidate(t.http, { full_name: `Name ${tag}x` }) : undefined;
  const strings = [`Name ${tag}a`, `${tag}b@example.org`, `+44 20 7946 ${tag.slice(-4)}`];
  const res = await apply(
    t,
    jobId,
    {
      applicant_name: strings[0],
      applicant_email: strings[1],
      applicant_phone: strings[2],
      cover_letter: `Cover letter ${tag}c`,
    },
    who?.accessToken,
  );
  expect(res.status).toBe(201);
  strings.push(`Cover letter ${tag}c`, ...(who ? [who.username, `Name ${tag}x`] : []));
  return { who, candidateId: res.body.candidate_id, applicationId: res.body.id, strings };
}

// The needles that occur in the haystack (case-insensitive: e-mails are stored normalised).
const found = (haystack: string, needles: string[]) =>
  needles.filter((s) => haystack.toLowerCase().includes(s.toLowerCase()));

describe('GDPR export and erasure (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let recruiter: SignedIn;
  let receiver: Server;
  let jobId: string;
  let alice: Person;
  let bob: Person;
  let resumeText: string;
  let resumeKey: string;
  let interviewId: string;

  const asAdmin = () => ({ token: admin.accessToken });
  const waitExport = (id: string) =>
    until(
      () => t.http.get(`/api/gdpr/exports/${id}`, asAdmin()),
      (r) => r.body.status === 'ready' || r.body.status === 'failed',
    );
  const download = async (id: string, token: string) => {
    const res = await fetch(`${t.baseUrl}/api/gdpr/exports/${id}/download`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, data: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  };
  const waitRequest = (id: string) =>
    until(
      () => t.http.get(`/api/gdpr/requests/${id}`, asAdmin()),
      (r) => ['completed', 'failed', 'blocked'].includes(r.body.status),
    );

  beforeAll(async () => {
    t = await createTestApp({
      providers: [CrashOnceHandler],
      env: { WEBHOOKS_ALLOW_PRIVATE: 'true' },
    });
    admin = await loginAdmin(t.http);
    // Answers the ping on creation (an endpoint whose ping fails is created disabled); only the
    // queued delivery row matters after that.
    receiver = createServer((_req, res) => res.writeHead(204).end());
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = await t.http.post(
      '/api/webhooks',
      {
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
        events: ['candidate.erased'],
        secret: 'erasure-hook-secret-01',
      },
      asAdmin(),
    );
    expect(hook.status).toBe(201);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    const expert = await createStaff(t.http, admin, 'domain_expert');
    const job = await t.http.post(
      '/api/jobs',
      { title: 'Data Engineer', description: 'Pipelines.', skills_required: ['PostgreSQL'] },
      { token: recruiter.accessToken },
    );
    jobId = job.body.id;
    alice = await applicant(t, jobId, true);
    bob = await applicant(t, jobId, true);
    const token = alice.who!.accessToken;

    const marker = unique('zq').toLowerCase();
    resumeText = `${alice.strings[0]}\n${alice.strings[1]}\n\nSummary\nKnown for the ${marker} rewrite.\n\nSkills\nPostgreSQL, TypeScript\n`;
    const uploaded = await uploadResume(t, Buffer.from(resumeText), 'cv.txt', { token });
    expect(uploaded.status).toBe(201);
    await waitForParsing(t, uploaded.body.resume_id, token);
    [{ storage_key: resumeKey }] = await t.dataSource.query(
      'SELECT storage_key FROM resumes WHERE id = $1',
      [uploaded.body.resume_id],
    );
    const reason = `Phoned ${marker}r`;
    const moved = await t.http.put(
      `/api/applications/${alice.applicationId}/status`,
      { status: 'Under Review', reason },
      { token: recruiter.accessToken },
    );
    expect(moved.status).toBe(200);
    const note = `Interviewer note ${marker}n`;
    const feedback = await t.http.post(
      `/api/applications/${alice.applicationId}/feedback`,
      { overall_recommendation: 'yes', rating: 4, notes: note },
      { token: recruiter.accessToken },
    );
    expect(feedback.status).toBe(201);

    // A scored interview answer: transcripts and scores (rationale, provider) are exported too.
    const questions = await t.http.post(
      '/api/questions/generate',
      { job_id: jobId, count: 1, types: ['technical'] },
      { token: recruiter.accessToken },
    );
    const questionId = questions.body.items[0].id;
    await t.http.post(
      '/api/questions/approve',
      { question_ids: [questionId], approved: true },
      { token: expert.accessToken },
    );
    await t.http.post(
      '/api/gdpr/consent',
      { purpose: 'ai_evaluation', granted: true, policy_version: '2026-01' },
      { token },
    );
    const interview = await t.http.post(
      '/api/interviews',
      {
        application_id: alice.applicationId,
        scheduled_at: new Date(Date.now() + 60_000).toISOString(),
        mode: 'async',
        question_ids: [questionId],
      },
      { token: recruiter.accessToken },
    );
    expect(interview.status).toBe(201);
    interviewId = interview.body.id;
    await t.http.post(`/api/interviews/${interviewId}/start`, {}, { token });
    const answer = `I would index the ${marker}w table and explain the trade-offs with care.`;
    const answered = await t.http.post(
      `/api/interviews/${interviewId}/answers`,
      { question_id: questionId, answer_text: answer },
      { token },
    );
    expect(answered.status).toBe(201);
    await until(
      () =>
        t.dataSource.query('SELECT 1 FROM answer_scores WHERE answer_id = $1', [answered.body.id]),
      (rows: unknown[]) => rows.length > 0,
    );
    alice.strings.push(marker, reason, note, `${marker}w`);
  });

  afterAll(async () => {
    receiver.close();
    await t.close();
    delete process.env.WEBHOOKS_ALLOW_PRIVATE;
  });

  it('documents every GDPR route in the OpenAPI document', async () => {
    const { paths } = (await t.http.get('/docs-json')).body;
    for (const path of [
      '/api/gdpr/export',
      '/api/gdpr/exports/{id}',
      '/api/gdpr/exports/{id}/download',
      '/api/gdpr/delete',
      '/api/gdpr/requests/{id}',
      '/api/gdpr/retention',
      '/api/gdpr/retention/{category}',
      '/api/gdpr/retention/run',
    ]) {
      expect(paths[path]).toBeDefined();
    }
    expect(paths['/api/gdpr/export'].post.responses['202']).toBeDefined();
  });

  it('stores none of the person’s strings in clear, in the database or the files', async () => {
    const stored = [...alice.strings.slice(0, 4), ...alice.strings.slice(7, 9)];
    expect(found(await dumpDatabase(t.dataSource), stored)).toEqual([]);
    expect(found(storageDump(t.dataDir), [...alice.strings, resumeText])).toEqual([]);
  });

  it('exports the person’s records and files as JSON, and nobody else’s', async () => {
    const accepted = await t.http.post(
      '/api/gdpr/export',
      { format: 'json' },
      { token: alice.who!.accessToken },
    );
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ export_id: expect.any(String), status: 'pending' });
    const ready = await waitExport(accepted.body.export_id);
    expect(ready.body).toMatchObject({
      status: 'ready',
      download_url: `/api/gdpr/exports/${accepted.body.export_id}/download`,
      expires_at: expect.any(String),
    });
    const hours = (Date.parse(ready.body.expires_at) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(47);
    const file = await download(accepted.body.export_id, alice.who!.accessToken);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/json');
    const text = file.data.toString('utf8');
    // The hiring team's words (a stage-change reason, a scorecard note) are not the person's copy.
    const staffWords = alice.strings.slice(7, 9);
    expect(found(text, alice.strings)).toEqual(
      alice.strings.filter((s) => !staffWords.includes(s)),
    );
    expect(found(text, staffWords)).toEqual([]);
    expect(found(text, bob.strings.slice(0, 4))).toEqual([]);
    const doc = JSON.parse(text);
    expect(doc.records.applications[0]).toMatchObject({ applicant_name: alice.strings[0] });
    expect(doc.records.application_history.length).toBeGreaterThan(1);
    expect(doc.records.resumes[0].text).toContain(alice.strings[6]);
    expect(doc.records.interview_answers[0].answer_text).toContain(alice.strings[9]);
    // A screening interview's assessment is withheld, as on every candidate route.
    expect(doc.records.answer_scores).toEqual([]);
    expect(doc.withheld).toMatchObject({
      answer_scores: { count: 1 },
      scorecards: { count: 1 },
      application_history_reasons: { count: expect.any(Number), reason: expect.any(String) },
    });
    expect(doc.records.consents.map((c: any) => c.purpose)).toContain('ai_evaluation');
    expect(doc.records.audit_events.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['application.created', 'resume.uploaded']),
    );
    expect(doc.records.account[0].username).toBe(alice.who!.username);
    expect(Buffer.from(doc.files[0].data_base64, 'base64').toString()).toBe(resumeText);
    const row = await t.http.get(`/api/gdpr/exports/${accepted.body.export_id}`, asAdmin());
    expect(row.body.download_count).toBe(1);
  });

  it('exports CSV as a zip with one CSV per record type and the original upload', async () => {
    const accepted = await t.http.post(
      '/api/gdpr/export',
      { format: 'csv' },
      { token: alice.who!.accessToken },
    );
    await waitExport(accepted.body.export_id);
    const file = await download(accepted.body.export_id, alice.who!.accessToken);
    expect(file.headers.get('content-type')).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(file.data));
    const names = Object.keys(entries);
    expect(names).toEqual(
      expect.arrayContaining(['applications.csv', 'resumes.csv', 'interview_answers.csv']),
    );
    const resume = names.find((n) => n.startsWith('files/resumes/'))!;
    expect(Buffer.from(entries[resume]).toString()).toBe(resumeText);
    const all = names.map((n) => Buffer.from(entries[n]).toString('utf8')).join('\n');
    expect(found(all, alice.strings.slice(0, 4))).toEqual(alice.strings.slice(0, 4));
    expect(found(all, bob.strings.slice(0, 4))).toEqual([]);
  });

  it('shows an export to its requester and admins only, and answers 410 once expired', async () => {
    const accepted = await t.http.post('/api/gdpr/export', { format: 'json' }, asAdmin());
    expect(accepted.status).toBe(202);
    const id = accepted.body.export_id;
    await waitExport(id);
    for (const other of [bob.who!, recruiter]) {
      expect(
        (await t.http.get(`/api/gdpr/exports/${id}`, { token: other.accessToken })).status,
      ).toBe(404);
      expect((await download(id, other.accessToken)).status).toBe(404);
    }
    const forOthers = await t.http.post(
      '/api/gdpr/export',
      { format: 'json', candidate_id: alice.candidateId },
      { token: bob.who!.accessToken },
    );
    expect(forOthers.status).toBe(403);
    await t.dataSource.query(
      "UPDATE gdpr_exports SET expires_at = now() - interval '1 minute' WHERE id = $1",
      [id],
    );
    expect((await download(id, admin.accessToken)).status).toBe(410);
    const expired = await t.http.get(`/api/gdpr/exports/${id}`, asAdmin());
    expect(expired.body).toMatchObject({ status: 'expired', download_url: null });
    // A delayed job deletes the file at expiry; run it now instead of waiting 48 hours.
    const [job] = await t.dataSource.query(
      "SELECT start_after FROM pgboss.job WHERE name = 'gdpr-export-expiry' AND data->>'export_id' = $1",
      [id],
    );
    expect(Date.parse(job.start_after) - Date.now()).toBeGreaterThan(47 * 3600_000);
    const file = join(t.dataDir, 'files', id.slice(-2), `gdpr-export-${id}`);
    expect(existsSync(file)).toBe(true);
    await t.app.get(DataExportService).expire(id);
    expect(existsSync(file)).toBe(false);
  });

  it('lets an admin export a candidate who has no account, found by e-mail', async () => {
    const carol = await applicant(t, jobId, false);
    const accepted = await t.http.post(
      '/api/gdpr/export',
      { format: 'json', email: carol.strings[1] },
      asAdmin(),
    );
    expect(accepted.status).toBe(202);
    await waitExport(accepted.body.export_id);
    const text = (await download(accepted.body.export_id, admin.accessToken)).data.toString();
    expect(found(text, carol.strings)).toEqual(carol.strings);
    const audit = await t.dataSource.query(
      "SELECT 1 FROM audit_events WHERE action = 'gdpr.export_downloaded' AND actor_id = $1",
      [admin.id],
    );
    expect(audit.length).toBeGreaterThan(0);
  });

  it('refuses erasure under legal hold (409) and staff self-erasure (403)', async () => {
    const dave = await applicant(t, jobId, false);
    await t.dataSource.query('UPDATE candidates SET legal_hold = true WHERE id = $1', [
      dave.candidateId,
    ]);
    const res = await t.http.post(
      '/api/gdpr/delete',
      { candidate_id: dave.candidateId },
      asAdmin(),
    );
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'LEGAL_HOLD', status: 409 });
    // Staff accounts are not erased by their own click (the last admin could lock everyone out).
    const self = await t.http.post('/api/gdpr/delete', {}, asAdmin());
    expect(self.body).toMatchObject({ status: 403, code: 'STAFF_SELF_ERASURE' });
  });

  it('finishes an erasure that crashed halfway when the job is retried', async () => {
    const erin = await applicant(t, jobId, false);
    CrashOnceHandler.failures = 1;
    const res = await t.http.post('/api/gdpr/delete', { email: erin.strings[1] }, asAdmin());
    expect(res.status).toBe(202);
    const done = await waitRequest(res.body.request_id);
    expect(done.body).toMatchObject({ status: 'completed', error_code: null });
    expect(done.body.completed_handlers).toEqual(
      expect.arrayContaining(['test-crash-once', 'candidates', 'resumes', 'auth', 'audit']),
    );
    const [row] = await t.dataSource.query('SELECT attempts FROM gdpr_requests WHERE id = $1', [
      res.body.request_id,
    ]);
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    expect(found(await dumpDatabase(t.dataSource), erin.strings)).toEqual([]);
  });

  it('erases a person everywhere, kills their tokens and keeps PII-free statistics', async () => {
    const before = await t.http.get(`/api/ats/analytics?job_id=${jobId}`, {
      token: recruiter.accessToken,
    });
    const [{ stage: stageBefore }] = await t.dataSource.query(
      'SELECT stage FROM applications WHERE id = $1',
      [alice.applicationId],
    );
    const res = await t.http.post(
      '/api/gdpr/delete',
      { reason: `Forget ${alice.strings[6]}` },
      { token: alice.who!.accessToken },
    );
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ request_id: expect.any(String), status: 'pending' });
    const done = await waitRequest(res.body.request_id);
    expect(done.body.status).toBe('completed');

    expect(found(await dumpDatabase(t.dataSource), alice.strings)).toEqual([]);
    expect(found(storageDump(t.dataDir), [...alice.strings, resumeText])).toEqual([]);
    expect(existsSync(join(t.dataDir, 'files', resumeKey.slice(-2), resumeKey))).toBe(false);
    expect((await t.http.get('/api/auth/me', { token: alice.who!.accessToken })).status).toBe(401);
    expect(
      (await t.http.post('/api/auth/refresh', { refresh_token: alice.who!.refreshToken })).status,
    ).toBe(401);
    expect((await t.http.get('/api/gdpr/audit/verify', asAdmin())).body).toMatchObject({
      valid: true,
    });
    const erased = await t.dataSource.query(
      "SELECT target_id FROM audit_events WHERE action = 'candidate.erased' AND target_id = $1",
      [alice.candidateId],
    );
    expect(erased).toHaveLength(1);
    const deliveries = await t.dataSource.query(
      "SELECT body FROM webhook_deliveries WHERE event = 'candidate.erased'",
    );
    expect(deliveries.map((d: { body: string }) => JSON.parse(d.body).data.candidate_id)).toContain(
      alice.candidateId,
    );
    const after = await t.http.get(`/api/ats/analytics?job_id=${jobId}`, {
      token: recruiter.accessToken,
    });
    expect(after.body.totals).toEqual(before.body.totals);
    const [app] = await t.dataSource.query(
      'SELECT stage, status, source, applicant_name_encrypted FROM applications WHERE id = $1',
      [alice.applicationId],
    );
    expect(app).toMatchObject({ stage: stageBefore, source: 'careers_page' });
    expect(app.applicant_name_encrypted).toBeNull();
    const scores = await t.dataSource.query(
      `SELECT s.overall, s.rationale FROM answer_scores s
         JOIN interview_answers a ON a.id = s.answer_id WHERE a.interview_id = $1`,
      [interviewId],
    );
    expect(scores).toEqual([{ overall: expect.any(String), rationale: null }]);
    const bobRes = await t.http.get(`/api/applications/${bob.applicationId}`, {
      token: bob.who!.accessToken,
    });
    expect(bobRes.body.applicant_name).toBe(bob.strings[0]);
  });

  it('13.8 every text-like column of every entity is erased by a handler or declared not personal', () => {
    const registry = t.app.get(PersonalDataRegistry);
    expect(registry.uncoveredColumns()).toEqual([]);
    expect(registry.staleDeclarations()).toEqual([]);
  });
});

describe('GDPR retention (e2e)', () => {
  let r1: TestApp;
  let r2: TestApp;
  let admin: SignedIn;
  let recruiter: SignedIn;
  const people: Record<'old' | 'recent' | 'mixed' | 'pool', Person> = {} as never;
  let unattachedId: string;

  const run = (dryRun: boolean) =>
    r1.http.post('/api/gdpr/retention/run', { dry_run: dryRun }, { token: admin.accessToken });
  const affected = (body: any) =>
    Object.fromEntries(body.categories.map((c: any) => [c.category, c.affected]));
  const rejectAged = async (applicationId: string, days: number) => {
    const res = await r1.http.post(
      `/api/applications/${applicationId}/reject`,
      { rejection_reason: 'Not a fit this time' },
      { token: recruiter.accessToken },
    );
    expect(res.status).toBe(200);
    await r1.dataSource.query(
      'UPDATE applications SET stage_entered_at = now() - make_interval(days => $2) WHERE id = $1',
      [applicationId, days],
    );
  };
  const nameOf = async (applicationId: string) =>
    (
      await r1.dataSource.query('SELECT applicant_name_encrypted FROM applications WHERE id = $1', [
        applicationId,
      ])
    )[0].applicant_name_encrypted;

  beforeAll(async () => {
    r1 = await createTestApp();
    r2 = await createTestApp({ env: { DATABASE_URL: r1.databaseUrl } });
    admin = await loginAdmin(r1.http);
    recruiter = await createStaff(r1.http, admin, 'recruiter');
    const jobs: string[] = [];
    for (const title of ['Analyst', 'Engineer']) {
      const job = await r1.http.post(
        '/api/jobs',
        { title, description: 'Work.' },
        { token: recruiter.accessToken },
      );
      jobs.push(job.body.id);
    }
    for (const key of ['old', 'recent', 'mixed', 'pool'] as const) {
      people[key] = await applicant(r1, jobs[0], false);
    }
    await rejectAged(people.old.applicationId, 400);
    await rejectAged(people.recent.applicationId, 10);
    await rejectAged(people.mixed.applicationId, 400);
    await rejectAged(people.pool.applicationId, 400);
    // Still in process elsewhere, or asked to stay in the talent pool: kept.
    expect(
      (
        await apply(r1, jobs[1], {
          applicant_name: people.mixed.strings[0],
          applicant_email: people.mixed.strings[1],
        })
      ).status,
    ).toBe(201);
    await r1.dataSource.query('UPDATE candidates SET talent_pool = true WHERE id = $1', [
      people.pool.candidateId,
    ]);
    const upload = await uploadResume(r1, Buffer.from('Anonymous upload\nSkills\nGo\n'), 'a.txt');
    unattachedId = upload.body.resume_id;
    const sql = [
      ["UPDATE resumes SET created_at = now() - interval '3 days' WHERE id = $1", [unattachedId]],
      [
        `INSERT INTO login_attempts (account_key, ip_key, succeeded, attempted_at)
         SELECT 'old-' || g, 'ip', false, now() - interval '40 days' FROM generate_series(1, 3) g`,
        [],
      ],
      [
        `INSERT INTO auth_sessions (id, user_id, revoked_at, revoked_reason, created_at)
         VALUES (gen_random_uuid(), $1, now() - interval '40 days', 'logout', now() - interval '41 days')`,
        [admin.id],
      ],
      [
        `INSERT INTO gdpr_exports (id, requested_by, subject_user_id, format, status, created_at, expires_at)
         VALUES (gen_random_uuid(), $1, $1, 'json', 'ready', now() - interval '4 days', now() - interval '2 days')`,
        [admin.id],
      ],
    ] as const;
    for (const [text, params] of sql) {
      await r1.dataSource.query(text, [...params]);
    }
  });

  afterAll(async () => {
    await r2.close();
    await r1.close();
  });

  it('lists and updates policies; the audit log is never deleted', async () => {
    const token = { token: admin.accessToken };
    const list = await r1.http.get('/api/gdpr/retention', token);
    expect(list.status).toBe(200);
    const byCategory = Object.fromEntries(list.body.policies.map((p: any) => [p.category, p]));
    expect(byCategory.rejected_withdrawn_applications).toMatchObject({
      days: 365,
      action: 'anonymize',
      uses_default_days: true,
    });
    expect(byCategory.audit).toMatchObject({ days: null, action: 'keep' });
    const updated = await r1.http.put(
      '/api/gdpr/retention/recordings',
      { days: 30, action: 'delete' },
      token,
    );
    expect(updated.body).toMatchObject({ category: 'recordings', days: 30, action: 'delete' });
    const put = (category: string, body: object) =>
      r1.http.put(`/api/gdpr/retention/${category}`, body, token);
    expect((await put('audit', { days: 1, action: 'delete' })).status).toBe(409);
    expect((await put('nonsense', { days: 1, action: 'delete' })).status).toBe(404);
    expect(
      (await put('rejected_withdrawn_applications', { days: 1, action: 'delete' })).status,
    ).toBe(400);
    expect((await put('unattached_uploads', { days: 5, action: 'delete' })).status).toBe(400);
  });

  it('reports in a dry run exactly what a real run then removes', async () => {
    const expected = {
      rejected_withdrawn_applications: 1,
      unattached_uploads: 1,
      recordings: 0,
      expired_exports: 1,
      refresh_tokens: 1,
      login_attempts: 3,
      // Outgoing e-mail (#17): none of it is older than the 90-day default here.
      mail: 0,
    };
    const dry = await run(true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dry_run: true, status: 'completed', trigger: 'manual' });
    expect(affected(dry.body)).toEqual(expected);
    expect(await nameOf(people.old.applicationId)).not.toBeNull();

    const real = await run(false);
    expect(affected(real.body)).toEqual(expected);
    expect(await nameOf(people.old.applicationId)).toBeNull();
    for (const kept of [people.recent, people.mixed, people.pool]) {
      expect(await nameOf(kept.applicationId)).not.toBeNull();
    }
    expect(found(await dumpDatabase(r1.dataSource), people.old.strings)).toEqual([]);
    const gone = await r1.dataSource.query(
      `SELECT (SELECT count(*) FROM resumes WHERE id = $1)::int AS resumes,
              (SELECT count(*) FROM login_attempts WHERE account_key LIKE 'old-%')::int AS attempts,
              (SELECT count(*) FROM gdpr_exports WHERE status = 'ready')::int AS exports,
              (SELECT count(*) FROM audit_events WHERE action = 'candidate.erased')::int AS erased`,
      [unattachedId],
    );
    expect(gone[0]).toEqual({ resumes: 0, attempts: 0, exports: 0, erased: 1 });

    const again = await run(true);
    expect(Object.values(affected(again.body)).every((n) => n === 0)).toBe(true);
    const [runs] = await r1.dataSource.query(
      `SELECT count(*)::int AS n,
              (SELECT count(*) FROM audit_events
                WHERE action IN ('gdpr.retention_run', 'gdpr.retention_dry_run'))::int AS audited
         FROM retention_runs`,
    );
    expect(runs).toEqual({ n: 3, audited: 3 });
  });

  it('enqueues the daily job once across two instances, producing one report', async () => {
    const schedulers = [r1, r2].map((r) => r.app.get(RetentionScheduler));
    const ids = await Promise.all(schedulers.map((s) => s.enqueueDaily()));
    expect(ids.filter(Boolean)).toHaveLength(1);
    const jobs = () =>
      r1.dataSource.query<{ state: string }[]>(
        "SELECT state FROM pgboss.job WHERE name = 'gdpr-retention'",
      );
    expect(await jobs()).toHaveLength(1);
    const scheduled = () =>
      r1.dataSource.query<{ status: string }[]>(
        "SELECT status FROM retention_runs WHERE trigger = 'schedule'",
      );
    expect(await until(scheduled, (rows) => rows[0]?.status === 'completed')).toEqual([
      { status: 'completed' },
    ]);
    // The same day enqueued again (a late instance): the run is not repeated.
    await Promise.all(schedulers.map((s) => s.enqueueDaily()));
    await until(jobs, (rows) => rows.every((j) => j.state === 'completed'));
    expect(await scheduled()).toHaveLength(1);
  });
});

describe('GDPR key rotation (e2e)', () => {
  const k1 = `k1:${Buffer.alloc(32, 11).toString('base64')}`;
  const k2 = `k2:${Buffer.alloc(32, 22).toString('base64')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'panelist-rotation-'));
  let databaseUrl: string;

  afterAll(async () => {
    process.env.PII_ENCRYPTION_KEYS = TEST_SECRETS.PII_ENCRYPTION_KEYS;
    if (databaseUrl) {
      await dropDatabase(databaseUrl);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Restarts keep the database and the files; only the key ring changes.
  const start = async (keys: string) => {
    const app = await createTestApp({
      env: {
        PII_ENCRYPTION_KEYS: keys,
        DATA_DIR: dataDir,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
    });
    rmSync(app.dataDir, { recursive: true, force: true });
    databaseUrl = app.databaseUrl;
    return app;
  };

  it('re-encrypts every value and file under the new key, resumably', async () => {
    const first = await start(k1);
    const admin = await loginAdmin(first.http);
    const job = await first.http.post(
      '/api/jobs',
      { title: 'Ops', description: 'Run.' },
      {
        token: admin.accessToken,
      },
    );
    const person = await applicant(first, job.body.id, true);
    const token = person.who!.accessToken;
    const cv = Buffer.from(`${person.strings[0]}\nSkills\nRust\n`);
    const upload = await uploadResume(first, cv, 'cv.txt', { token });
    await waitForParsing(first, upload.body.resume_id, token);
    expect(await valuesUnderKey(first.dataSource, 'k1')).toBeGreaterThan(5);
    await first.app.close();

    const second = await start(`${k2},${k1}`);
    const readable = async (app: TestApp) => {
      const signedIn = await loginAdmin(app.http);
      const res = await app.http.get(`/api/applications/${person.applicationId}`, {
        token: signedIn.accessToken,
      });
      expect(res.body.applicant_name).toBe(person.strings[0]);
      const file = await fetch(`${app.baseUrl}/api/resumes/${upload.body.resume_id}/download`, {
        headers: { authorization: `Bearer ${signedIn.accessToken}` },
      });
      expect(Buffer.from(await file.arrayBuffer()).equals(cv)).toBe(true);
    };
    await readable(second);
    const deps = {
      values: new EncryptedValuesRepository(second.dataSource),
      crypto: second.app.get(CryptoService),
      storage: second.app.get(FILE_STORAGE),
    };
    const lines: string[] = [];
    const report = await rotateEncryptionKeys(deps, { batchSize: 2, log: (l) => lines.push(l) });
    expect(report.remaining).toBe(0);
    expect(report.files.rotated).toBeGreaterThan(0);
    expect(lines.some((l) => /re-encrypted \(up to id/.test(l))).toBe(true);
    expect(await valuesUnderKey(second.dataSource, 'k1')).toBe(0);
    expect(new Set(storedFileKeyIds(dataDir))).toEqual(new Set(['k2']));
    const rerun = await rotateEncryptionKeys(deps);
    expect(rerun.columns.every((c) => c.rotated === 0) && rerun.files.rotated === 0).toBe(true);
    await second.app.close();

    const third = await start(k2);
    await readable(third);
    await third.app.close();
  });
});
