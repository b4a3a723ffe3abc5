import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStaff, loginAdmin, signupCandidate, SignedIn, unique } from '../support/factories';
import { dropDatabase } from '../support/gdpr';
import { DOCX_RESUME } from '../support/resume-uploads';
import { createDatabase } from '../support/test-app';
import { AppProcess, queryDatabase, startAppProcess, waitUntil } from './support/app-process';

jest.setTimeout(150_000);

// A dead worker's job is retried once its heartbeat is older than HEARTBEAT_SECONDS (30 s, refreshed
// every 15 s) and a monitor pass (every 15 s) sees it: 15–45 s after the kill, plus the first retry
// delay (2–4 s) and the restart. Nothing here ages rows or runs the supervisor by hand.
const MAX_RECOVERY_MS = 75_000;

const ENV = {
  WEBHOOKS_ALLOW_PRIVATE: 'true',
  WEBHOOK_RETRY_DELAY_SECONDS: '1',
  WEBHOOK_RETRY_LIMIT: '3',
};
const QUEUES = [
  'resume-parse',
  'answer-score',
  'interview-finalise',
  'gdpr-export',
  'gdpr-erasure',
  'webhook-delivery',
];

// Answers every delivery after `holdMs`, so deliveries are still in flight when the app is killed.
async function startSlowReceiver(
  holdMs: number,
): Promise<{ url: string; ids: string[]; server: Server }> {
  const ids: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      // The creation ping is not one of the queued deliveries this test counts.
      if (req.headers['x-panelist-event'] !== 'ping') {
        ids.push(String(req.headers['x-panelist-delivery']));
      }
      setTimeout(() => res.writeHead(200).end(), holdMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, ids, server };
}

// kill -9 while resume parsing, scoring, exports, erasures and webhook deliveries are queued or
// running, restart on the same database and files, and check every job finishes exactly once.
describe('kill -9 with jobs in flight (faults)', () => {
  let databaseUrl: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'panelist-faults-kill-'));
  let app: AppProcess | undefined;
  let receiver: Awaited<ReturnType<typeof startSlowReceiver>>;

  beforeAll(async () => {
    databaseUrl = await createDatabase();
    receiver = await startSlowReceiver(1500);
  });

  afterAll(async () => {
    await app?.stop();
    await new Promise((resolve) => receiver.server.close(resolve));
    await dropDatabase(databaseUrl);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('completes every job exactly once after a restart', async () => {
    app = await startAppProcess({ databaseUrl, dataDir, env: ENV });
    const http = app.http;
    const as = (user: SignedIn) => ({ token: user.accessToken });
    const admin = await loginAdmin(http);
    const recruiter = await createStaff(http, admin, 'recruiter');
    const expert = await createStaff(http, admin, 'domain_expert');
    const hook = await http.post(
      '/api/webhooks',
      {
        url: receiver.url,
        events: ['application.stage_changed'],
        secret: 'whsec-faults-0123456789',
      },
      as(admin),
    );
    expect(hook.status).toBe(201);
    const job = await http.post(
      '/api/jobs',
      { title: 'Backend Engineer', description: 'APIs.', skills_required: ['PostgreSQL'] },
      as(recruiter),
    );
    expect(job.status).toBe(201);
    const jobId: string = job.body.id;
    const generated = await http.post(
      '/api/questions/generate',
      { job_id: jobId, count: 3, types: ['technical'] },
      as(recruiter),
    );
    const questionIds: string[] = generated.body.items.map((q: { id: string }) => q.id);
    expect(
      (
        await http.post(
          '/api/questions/approve',
          { question_ids: questionIds, approved: true },
          as(expert),
        )
      ).status,
    ).toBe(200);
    const apply = async (token?: string, email = `${unique('p_')}@example.com`) => {
      const res = await http.post(
        `/api/jobs/${jobId}/applications`,
        { applicant_name: 'Pat Faults', applicant_email: email, consent_data_processing: true },
        { token },
      );
      expect(res.status).toBe(201);
      return { id: res.body.id as string, email };
    };

    // Interview answers to score (one machine score each), plus the finalisation.
    const interviewee = await signupCandidate(http);
    const interviewApp = await apply(interviewee.accessToken, interviewee.email);
    await http.post(
      '/api/gdpr/consent',
      { purpose: 'ai_evaluation', granted: true, policy_version: '2026-01' },
      as(interviewee),
    );
    const interview = await http.post(
      '/api/interviews',
      {
        application_id: interviewApp.id,
        scheduled_at: new Date(Date.now() + 60_000).toISOString(),
        mode: 'async',
        question_ids: questionIds,
      },
      as(recruiter),
    );
    expect(interview.status).toBe(201);
    const interviewId: string = interview.body.id;
    expect(
      (await http.post(`/api/interviews/${interviewId}/start`, {}, as(interviewee))).status,
    ).toBe(200);

    const candidates = await Promise.all([0, 1, 2].map(() => signupCandidate(http)));
    const toErase = await Promise.all([0, 1].map(() => apply()));
    const toMove = await Promise.all([0, 1, 2, 3, 4, 5].map(() => apply()));

    // The burst: every kind of job at once.
    // A résumé attached while applying is always parsed by the queue job (uploads of small files
    // are parsed inline).
    const applicationWithResume = (c: SignedIn) => {
      const body = new FormData();
      body.append('applicant_name', 'Jordan Lee');
      body.append('applicant_email', c.email);
      body.append('consent_data_processing', 'true');
      body.append('resume', new Blob([new Uint8Array(DOCX_RESUME)]), 'resume.docx');
      return body;
    };
    const burst = await Promise.all([
      ...questionIds.map((questionId) =>
        http.post(
          `/api/interviews/${interviewId}/answers`,
          {
            question_id: questionId,
            answer_text:
              'Use an index on the filtered columns, check the plan with EXPLAIN ANALYZE, keep transactions short and paginate with a keyset cursor instead of OFFSET.',
          },
          as(interviewee),
        ),
      ),
      ...candidates.map((c) =>
        http.post(`/api/jobs/${jobId}/applications`, undefined, {
          raw: applicationWithResume(c),
          token: c.accessToken,
        }),
      ),
      ...candidates
        .slice(0, 2)
        .map((c) => http.post('/api/gdpr/export', { format: 'json' }, as(c))),
      ...toErase.map((a) => http.post('/api/gdpr/delete', { email: a.email }, as(admin))),
      ...toMove.map((a) =>
        http.post(
          '/api/ats/move-stage',
          { application_id: a.id, to_stage: 'screening' },
          as(recruiter),
        ),
      ),
    ]);
    expect(burst.map((r) => r.status).filter((s) => s >= 300)).toEqual([]);
    expect(
      (await http.post(`/api/interviews/${interviewId}/complete`, {}, as(interviewee))).status,
    ).toBe(200);

    await waitUntil(async () => {
      const [row] = await queryDatabase<{ n: number }>(
        databaseUrl,
        "SELECT count(*)::int AS n FROM pgboss.job WHERE state = 'active' AND name = ANY($1)",
        [QUEUES],
      );
      return row.n > 0;
    }, 'an active job');
    await app.kill();
    app = undefined;
    const killedAt = Date.now();

    const orphaned = await queryDatabase<{ id: string; name: string }>(
      databaseUrl,
      "SELECT id, name FROM pgboss.job WHERE state = 'active' AND name = ANY($1)",
      [QUEUES],
    );
    expect(orphaned.length).toBeGreaterThan(0);
    // Every queue carries a heartbeat, so the orphans are found by it and not by their expiry
    // (60 s for webhooks, 120 s for parsing, 600 s for the rest).
    const heartbeats = await queryDatabase<{ heartbeat_seconds: number | null }>(
      databaseUrl,
      'SELECT DISTINCT heartbeat_seconds FROM pgboss.job WHERE id = ANY($1::uuid[])',
      [orphaned.map((o) => o.id)],
    );
    expect(heartbeats).toEqual([{ heartbeat_seconds: 30 }]);

    app = await startAppProcess({ databaseUrl, dataDir, env: ENV });

    const jobs = () =>
      queryDatabase<{ id: string; name: string; state: string; retry_count: number }>(
        databaseUrl,
        'SELECT id, name, state, retry_count FROM pgboss.job WHERE name = ANY($1)',
        [QUEUES],
      );
    await waitUntil(
      async () => (await jobs()).every((j) => j.state === 'completed'),
      'every job completed',
      MAX_RECOVERY_MS + 15_000,
    );
    const recoveredInMs = Date.now() - killedAt;
    const all = await jobs();
    const perQueue = Object.fromEntries(
      QUEUES.map((q) => [q, all.filter((j) => j.name === q).length]),
    );
    // One job per request: nothing was enqueued twice, nothing lost.
    expect(perQueue).toMatchObject({
      'resume-parse': 3,
      'answer-score': 3,
      'gdpr-export': 2,
      'gdpr-erasure': 2,
    });
    // Completing the interview and settling its last score each ask for the (idempotent)
    // finalisation.
    expect(perQueue['interview-finalise']).toBeGreaterThanOrEqual(1);
    expect(perQueue['webhook-delivery']).toBeGreaterThanOrEqual(toMove.length);
    // The orphans were retried, each of them once.
    for (const o of orphaned) {
      expect(all.find((j) => j.id === o.id)).toMatchObject({ state: 'completed', retry_count: 1 });
    }

    // The restart, the heartbeat timeout and the retries, measured from the kill.
    expect(recoveredInMs).toBeLessThan(MAX_RECOVERY_MS);
    process.stdout.write(
      `kill -9: ${orphaned.length} orphaned active job(s), every job completed ${recoveredInMs} ms after the kill\n`,
    );

    const [facts] = await queryDatabase<Record<string, unknown>>(
      databaseUrl,
      `SELECT
         (SELECT array_agg(DISTINCT parsing_status) FROM resumes) AS parsing,
         (SELECT count(*)::int FROM resumes) AS resumes,
         (SELECT array_agg(n) FROM (SELECT count(s.id)::int AS n FROM interview_answers a
            LEFT JOIN answer_scores s ON s.answer_id = a.id AND s.kind = 'machine'
            WHERE a.interview_id = $1 GROUP BY a.id) x) AS scores_per_answer,
         (SELECT array_agg(DISTINCT status) FROM gdpr_exports) AS exports,
         (SELECT count(*)::int FROM gdpr_exports) AS export_rows,
         (SELECT array_agg(DISTINCT status) FROM gdpr_requests) AS erasures,
         (SELECT count(*)::int FROM gdpr_requests) AS erasure_rows,
         (SELECT count(*)::int FROM audit_events WHERE action = 'candidate.erased') AS erased_audits`,
      [interviewId],
    );
    expect(facts).toEqual({
      parsing: ['parsed'],
      resumes: 3,
      scores_per_answer: [1, 1, 1],
      exports: ['ready'],
      export_rows: 2,
      erasures: ['completed'],
      erasure_rows: 2,
      erased_audits: 2,
    });

    // Webhooks are at-least-once on the wire: a delivery whose job was killed after the receiver
    // got the POST is sent again, with the same delivery id, so the receiver can dedupe on it. The
    // database records each delivery once, delivered.
    // The endpoint's creation ping is a delivery of its own, sent before any job ran.
    const deliveries = await queryDatabase<{ id: string; status: string }>(
      databaseUrl,
      `SELECT id, status FROM webhook_deliveries WHERE event <> 'ping'`,
    );
    expect(deliveries.length).toBe(perQueue['webhook-delivery']);
    expect(deliveries.every((d) => d.status === 'delivered')).toBe(true);
    expect(new Set(receiver.ids)).toEqual(new Set(deliveries.map((d) => d.id)));
    const orphanedDeliveries = orphaned.filter((o) => o.name === 'webhook-delivery').length;
    expect(receiver.ids.length - deliveries.length).toBeLessThanOrEqual(orphanedDeliveries);
  });
});
