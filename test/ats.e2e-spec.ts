import { createHmac, randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  Counters,
  countersForDays,
  countersForRange,
  rebuildPipelineCounters,
} from '../src/pipeline/counters/pipeline-counters';
import { compactPipelineCounters } from '../src/pipeline/counters/pipeline-counters.fold';
import { createStaff, loginAdmin, signupCandidate, SignedIn, unique } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const WEBHOOK_ENV = {
  WEBHOOKS_ALLOW_PRIVATE: 'true',
  WEBHOOK_RETRY_DELAY_SECONDS: '1',
  WEBHOOK_RETRY_LIMIT: '2',
  WEBHOOK_DISABLE_AFTER_FAILURES: '1',
};
// Booting the app and waiting for webhook retries take longer than Jest's 5 s default.
jest.setTimeout(60_000);

const OTHER_REASON_ID = '3f871ac7-400b-4ef9-a90a-5c8ea8a824b1';
const DAY_MS = 86_400_000;

interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

// A local webhook receiver: `failFirst` attempts of every delivery id answer 500, later ones 200.
async function startReceiver(
  failFirst: number,
): Promise<{ url: string; hooks: ReceivedHook[]; server: Server }> {
  const hooks: ReceivedHook[] = [];
  const seen = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.headers['x-panelist-event'] === 'ping') {
        res.writeHead(200).end(); // the ping on creation (test/webhooks.e2e-spec.ts covers it)
        return;
      }
      const id = String(req.headers['x-panelist-delivery']);
      const attempt = (seen.get(id) ?? 0) + 1;
      seen.set(id, attempt);
      const status = attempt <= failFirst ? 500 : 200;
      hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, hooks, server };
}

async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 40_000,
): Promise<void> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) {
      throw new Error('condition not met in time');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('ATS (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let recruiter: SignedIn;
  let recruiter2: SignedIn;
  let candidate: SignedIn;

  const as = (user: SignedIn) => ({ token: user.accessToken });

  async function createJob(
    owner: SignedIn = recruiter,
    title = 'Backend Engineer',
  ): Promise<string> {
    const res = await t.http.post(
      '/api/jobs',
      { title, description: 'Build hiring APIs.', skills_required: ['TypeScript'] },
      as(owner),
    );
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function apply(jobId: string, extra: Record<string, unknown> = {}): Promise<string> {
    const name = unique('applicant_');
    const res = await t.http.post(`/api/jobs/${jobId}/applications`, {
      applicant_name: `Pat ${name}`,
      applicant_email: `${name}@example.com`,
      consent_data_processing: true,
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  function move(applicationId: string, toStage: string, extra: Record<string, unknown> = {}) {
    return t.http.post(
      '/api/ats/move-stage',
      { application_id: applicationId, to_stage: toStage, ...extra },
      as(recruiter),
    );
  }

  async function moveOk(applicationId: string, ...stages: string[]): Promise<void> {
    for (const stage of stages) {
      const res = await move(applicationId, stage);
      expect(res.status).toBe(200);
    }
  }

  beforeAll(async () => {
    t = await createTestApp({ env: WEBHOOK_ENV });
    admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    recruiter2 = await createStaff(t.http, admin, 'recruiter');
    candidate = await signupCandidate(t.http);
  });

  afterAll(async () => {
    await t.close();
    // createTestApp writes its env into process.env; keep these out of later spec files.
    for (const key of Object.keys(WEBHOOK_ENV)) {
      delete process.env[key];
    }
  });

  it('takes an application from applied to hired, keeping every move in the history', async () => {
    const jobId = await createJob();
    const id = await apply(jobId);
    const first = await move(id, 'screening', { from_stage: 'applied', reason: 'Looks promising' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id, stage: 'screening', status: 'Under Review' });
    await moveOk(id, 'interview', 'offer');
    const hired = await t.http.post(`/api/applications/${id}/hire`, {}, as(recruiter));
    expect(hired.status).toBe(200);
    expect(hired.body).toMatchObject({
      stage: 'hired',
      status: 'Selected',
      hired_at: expect.any(String),
    });

    const history = await t.http.get(`/api/applications/${id}/history`, as(recruiter));
    expect(history.status).toBe(200);
    expect(history.body.items.map((h: any) => [h.from_stage, h.to_stage])).toEqual([
      [null, 'applied'],
      ['applied', 'screening'],
      ['screening', 'interview'],
      ['interview', 'offer'],
      ['offer', 'hired'],
    ]);
    expect(history.body.items[1]).toMatchObject({
      from_status: 'Applied',
      to_status: 'Under Review',
      actor_id: recruiter.id,
      reason: 'Looks promising',
      rejection_reason_id: null,
    });
    const page = await t.http.get(`/api/applications/${id}/history`, {
      ...as(recruiter),
      query: { limit: 2 },
    });
    const rest = await t.http.get(`/api/applications/${id}/history`, {
      ...as(recruiter),
      query: { limit: 10, cursor: page.body.next_cursor },
    });
    expect([...page.body.items, ...rest.body.items].map((h: any) => h.id)).toEqual(
      history.body.items.map((h: any) => h.id),
    );
    const audited = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events
        WHERE target_id = $1 AND action LIKE 'application.%' AND action <> 'application.created' ORDER BY seq`,
      [id],
    );
    expect(audited.map((a) => a.action)).toEqual([
      'application.stage_changed',
      'application.stage_changed',
      'application.stage_changed',
      'application.hired',
    ]);

    expect((await move(id, 'offer')).status).toBe(409);
    expect((await t.http.post(`/api/applications/${id}/unreject`, {}, as(recruiter))).status).toBe(
      409,
    );
  });

  it('computes analytics that match a hand-computed scenario', async () => {
    const jobId = await createJob();
    const [a1, a2, a3, a4] = [
      await apply(jobId, { source: 'referral' }),
      await apply(jobId, { source: 'referral' }),
      await apply(jobId),
      await apply(jobId),
    ];
    const techReason = (
      await t.http.get('/api/ats/rejection-reasons', as(recruiter))
    ).body.items.find((r: any) => r.name === 'Did not pass the technical assessment');
    await moveOk(a1, 'screening', 'interview', 'offer', 'hired');
    await moveOk(a2, 'screening', 'interview');
    expect(
      (
        await t.http.post(
          `/api/applications/${a2}/reject`,
          { rejection_reason_id: techReason.id },
          as(recruiter),
        )
      ).status,
    ).toBe(200);
    await moveOk(a3, 'screening');
    expect(
      (
        await t.http.post(
          `/api/applications/${a3}/reject`,
          { rejection_reason: 'Wants a different role' },
          as(recruiter),
        )
      ).status,
    ).toBe(200);

    // Pin every timestamp to day offsets from a fixed start so medians are exact.
    const base = new Date('2020-01-06T00:00:00Z').getTime();
    const at = (days: number) => new Date(base + days * DAY_MS).toISOString();
    const timeline: [string, Record<string, number>][] = [
      [a1, { applied: 0, screening: 2, interview: 5, offer: 9, hired: 10 }],
      [a2, { applied: 0, screening: 4, interview: 6, rejected: 7 }],
      [a3, { applied: 0, screening: 1, rejected: 4 }],
      [a4, { applied: 0 }],
    ];
    for (const [id, stages] of timeline) {
      await t.dataSource.query(
        'UPDATE applications SET applied_at = $2, hired_at = CASE WHEN hired_at IS NULL THEN NULL ELSE $3::timestamptz END WHERE id = $1',
        [id, at(0), at(10)],
      );
      for (const [stage, day] of Object.entries(stages)) {
        await t.dataSource.query(
          'UPDATE application_stage_history SET changed_at = $3 WHERE application_id = $1 AND to_stage = $2',
          [id, stage, at(day)],
        );
      }
    }
    // The timestamps were rewritten behind the application's back: recompute what it derives.
    await t.dataSource.transaction((manager) => rebuildPipelineCounters(manager));

    const expected = {
      totals: { applications: 4, in_progress: 1, hired: 1, rejected: 2, withdrawn: 0 },
      stages: [
        { stage: 'applied', count: 1 },
        { stage: 'hired', count: 1 },
        { stage: 'rejected', count: 2 },
      ],
      conversion: [
        {
          from_stage: 'applied',
          to_stage: 'screening',
          reached_from: 4,
          reached_to: 3,
          rate: 0.75,
        },
        {
          from_stage: 'screening',
          to_stage: 'interview',
          reached_from: 3,
          reached_to: 2,
          rate: 0.6667,
        },
        { from_stage: 'interview', to_stage: 'offer', reached_from: 2, reached_to: 1, rate: 0.5 },
        { from_stage: 'offer', to_stage: 'hired', reached_from: 1, reached_to: 1, rate: 1 },
      ],
      // applied: 2,4,1 → 2; screening: 3,2,3 → 3; interview: 4,1 → 2.5; offer: 1.
      time_in_stage: [
        { stage: 'applied', median_days: 2, samples: 3 },
        { stage: 'screening', median_days: 3, samples: 3 },
        { stage: 'interview', median_days: 2.5, samples: 2 },
        { stage: 'offer', median_days: 1, samples: 1 },
      ],
      time_to_hire: { median_days: 10, hires: 1 },
      sources: [
        { source: 'careers_page', applications: 2, hired: 0 },
        { source: 'referral', applications: 2, hired: 1 },
      ],
      rejection_reasons: [
        {
          rejection_reason_id: techReason.id,
          name: techReason.name,
          type: 'we_rejected',
          count: 1,
        },
        { rejection_reason_id: OTHER_REASON_ID, name: 'Other', type: 'none_specified', count: 1 },
      ],
    };
    const forJob = await t.http.get('/api/ats/analytics', {
      ...as(recruiter),
      query: { job_id: jobId, from: '2020-01-01', to: '2020-01-31' },
    });
    expect(forJob.status).toBe(200);
    expect(forJob.body).toEqual({
      job_id: jobId,
      from: '2020-01-01T00:00:00.000Z',
      to: '2020-02-01T00:00:00.000Z',
      ...expected,
    });
    // Every other application in this database was applied "now", outside the range.
    const allJobs = await t.http.get('/api/ats/analytics', {
      ...as(recruiter),
      query: { from: '2020-01-01', to: '2020-01-31' },
    });
    expect(allJobs.body).toMatchObject({ job_id: null, ...expected });
    // Times of day: partial days are counted from the rows, whole days from the counters.
    for (const [from, to] of [
      ['2020-01-05T12:00:00Z', '2020-01-06T12:00:00Z'],
      ['2020-01-05T12:00:00Z', '2020-01-31'],
      ['2020-01-01', '2020-01-06T00:00:01Z'],
    ]) {
      const partial = await t.http.get('/api/ats/analytics', {
        ...as(recruiter),
        query: { job_id: jobId, from, to },
      });
      expect(partial.body).toMatchObject(expected);
    }
    const before = await t.http.get('/api/ats/analytics', {
      ...as(recruiter),
      query: { job_id: jobId, from: '2020-01-05T12:00:00Z', to: '2020-01-05T23:59:59Z' },
    });
    expect(before.body.totals.applications).toBe(0);
    const later = await t.http.get('/api/ats/analytics', {
      ...as(recruiter),
      query: { job_id: jobId, from: '2020-02-01' },
    });
    expect(later.body.totals.applications).toBe(0);
    expect(later.body.time_to_hire).toEqual({ median_days: null, hires: 0 });
    const backwards = await t.http.get('/api/ats/analytics', {
      ...as(recruiter),
      query: { from: '2020-02-01', to: '2020-01-01' },
    });
    expect(backwards.status).toBe(400);
  });

  it('keeps the analytics counters equal to a recount from the history', async () => {
    const jobId = await createJob();
    const sources = ['referral', 'careers_page', 'job_board'];
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) {
      ids.push(await apply(jobId, { source: sources[i % 3] }));
    }
    const reasons = (await t.http.get('/api/ats/rejection-reasons', as(recruiter))).body.items;
    const reject = async (id: string, reason: { id: string }) =>
      expect(
        (
          await t.http.post(
            `/api/applications/${id}/reject`,
            { rejection_reason_id: reason.id },
            as(recruiter),
          )
        ).status,
      ).toBe(200);
    const unreject = async (id: string) =>
      expect(
        (await t.http.post(`/api/applications/${id}/unreject`, {}, as(recruiter))).status,
      ).toBe(200);
    // Forward, backward, revisits, rejections undone and redone, a hire.
    await moveOk(ids[0], 'screening', 'interview', 'screening', 'interview', 'offer');
    expect((await t.http.post(`/api/applications/${ids[0]}/hire`, {}, as(recruiter))).status).toBe(
      200,
    );
    await moveOk(ids[1], 'interview', 'applied', 'screening');
    await reject(ids[1], reasons[0]);
    await unreject(ids[1]);
    await moveOk(ids[1], 'offer');
    await reject(ids[1], reasons[1]);
    await moveOk(ids[2], 'offer', 'screening');
    await reject(ids[3], reasons[0]);
    await moveOk(ids[4], 'screening');
    await reject(ids[4], reasons[2]);
    await unreject(ids[4]);
    await moveOk(ids[5], 'hired');
    await moveOk(ids[6], 'screening', 'applied', 'interview');

    type Row = { metric: string; k1: string; k2: string; n: number };
    const normalise = (rows: Row[]) =>
      rows
        .filter((r) => Number(r.n) !== 0)
        .map((r) => `${r.metric}|${r.k1}|${r.k2}|${Number(r.n)}`)
        .sort();
    const summed = (rows: Row[]) => {
      const c = new Counters().add(rows as never);
      return normalise(
        (['current', 'rejected', 'reached', 'converted'] as const).flatMap((m) => c.rows(m)),
      );
    };
    const everything: [Date, Date] = [new Date('2000-01-01'), new Date('2100-01-01')];
    const recount = summed(await countersForRange(t.dataSource.manager, jobId, ...everything));
    expect(recount).toContain('converted|screening|interview|2');
    expect(recount).toContain('current|rejected|careers_page|1');
    expect(recount).toContain('converted|interview|screening|2');
    const live = summed(await countersForDays(t.dataSource.manager, jobId, null, null));
    expect(live).toEqual(recount);
    // The board's per-stage counts (folded per job and stage, plus pending deltas) against a
    // count of the rows, and the folded table itself once nothing is pending.
    const perStage = async (sql: string) =>
      Object.fromEntries(
        (await t.dataSource.query<{ stage: string; n: number }[]>(sql, [jobId]))
          .filter((r) => r.n !== 0)
          .map((r) => [r.stage, r.n]),
      );
    const stageRecount = await perStage(
      'SELECT stage, count(*)::int AS n FROM applications WHERE job_id = $1 GROUP BY stage',
    );
    expect(stageRecount).toEqual({
      applied: 2,
      screening: 2,
      interview: 1,
      hired: 2,
      rejected: 2,
    });
    const boardCounts = async () =>
      Object.fromEntries(
        (
          await t.http.get('/api/ats/pipeline', { ...as(recruiter), query: { job_id: jobId } })
        ).body.stages
          .filter((s: any) => s.count !== 0)
          .map((s: any) => [s.key, s.count]),
      );
    expect(await boardCounts()).toEqual(stageRecount);
    const analytics = async () =>
      (await t.http.get('/api/ats/analytics', { ...as(recruiter), query: { job_id: jobId } })).body;
    const beforeCompaction = await analytics();
    expect(beforeCompaction.totals).toEqual({
      applications: 9,
      in_progress: 5,
      hired: 2,
      rejected: 2,
      withdrawn: 0,
    });

    await t.dataSource.transaction((manager) => compactPipelineCounters(manager));
    expect(
      (
        await t.dataSource.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM pipeline_counter_deltas WHERE job_id = $1',
          [jobId],
        )
      )[0].n,
    ).toBe(0);
    expect(summed(await countersForDays(t.dataSource.manager, jobId, null, null))).toEqual(recount);
    expect(await analytics()).toEqual(beforeCompaction);
    const folded = 'SELECT stage, applications AS n FROM pipeline_stage_counts WHERE job_id = $1';
    expect(await perStage(folded)).toEqual(stageRecount);
    expect(await boardCounts()).toEqual(stageRecount);

    await t.dataSource.transaction((manager) => rebuildPipelineCounters(manager));
    expect(summed(await countersForDays(t.dataSource.manager, jobId, null, null))).toEqual(recount);
    expect(await perStage(folded)).toEqual(stageRecount);
    expect(await boardCounts()).toEqual(stageRecount);
    // Time in stage kept on each move equals the rebuilt one, and the median read by walking the
    // index (no dates) equals the sorted one (dates given).
    expect(await analytics()).toEqual(beforeCompaction);
    const bounded = await t.http.get('/api/ats/analytics', {
      ...as(recruiter),
      query: { job_id: jobId, from: '2000-01-01', to: '2100-01-01' },
    });
    expect(bounded.body.time_in_stage).toEqual(beforeCompaction.time_in_stage);
    expect(beforeCompaction.time_in_stage.map((s: any) => [s.stage, s.samples])).toEqual([
      ['applied', 9],
      ['screening', 6],
      ['interview', 3],
      ['offer', 3],
      ['rejected', 2],
    ]);
  });

  it('lets exactly one of two concurrent moves from the same stage win', async () => {
    const jobId = await createJob();
    for (let round = 0; round < 5; round++) {
      const id = await apply(jobId);
      const results = await Promise.all([
        move(id, 'screening', { from_stage: 'applied' }),
        move(id, 'interview', { from_stage: 'applied' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(loser.body).toMatchObject({ status: 409, code: 'STAGE_CHANGED' });
      const history = await t.http.get(`/api/applications/${id}/history`, as(recruiter));
      expect(history.body.items).toHaveLength(2);
    }
  });

  it('requires a reason to reject and unrejects to the stage it came from', async () => {
    const jobId = await createJob();
    const id = await apply(jobId);
    await moveOk(id, 'screening', 'interview');

    const missing = await t.http.post(`/api/applications/${id}/reject`, {}, as(recruiter));
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.body.errors).toEqual([
      { field: 'rejection_reason_id', message: expect.any(String) },
    ]);
    const viaMove = await move(id, 'rejected');
    expect(viaMove.status).toBe(400);
    expect(viaMove.body.errors[0].field).toBe('reason');
    const unknownReason = await t.http.post(
      `/api/applications/${id}/reject`,
      { rejection_reason_id: randomUUID() },
      as(recruiter),
    );
    expect(unknownReason.status).toBe(400);

    const reasons = await t.http.get('/api/ats/rejection-reasons', as(recruiter));
    expect(reasons.body.items.length).toBeGreaterThanOrEqual(8);
    expect(new Set(reasons.body.items.map((r: any) => r.type))).toEqual(
      new Set(['we_rejected', 'they_rejected', 'none_specified']),
    );
    const offer = reasons.body.items.find((r: any) => r.type === 'they_rejected');
    const rejected = await t.http.post(
      `/api/applications/${id}/reject`,
      { rejection_reason_id: offer.id, notes: 'Signed elsewhere' },
      as(recruiter),
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ stage: 'rejected', status: 'Rejected' });
    expect((await move(id, 'offer')).status).toBe(409);
    expect(
      (
        await t.http.post(
          `/api/applications/${id}/reject`,
          { rejection_reason_id: offer.id },
          as(recruiter),
        )
      ).status,
    ).toBe(409);

    const back = await t.http.post(`/api/applications/${id}/unreject`, {}, as(recruiter));
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ stage: 'interview', status: 'Interview Scheduled' });

    const freeText = await move(id, 'rejected', {
      reason: 'Salary mismatch',
      from_stage: 'interview',
    });
    expect(freeText.status).toBe(200);
    const history = (await t.http.get(`/api/applications/${id}/history`, as(recruiter))).body.items;
    expect(
      history.slice(-3).map((h: any) => [h.to_stage, h.reason, h.rejection_reason_id]),
    ).toEqual([
      ['rejected', `${offer.name} — Signed elsewhere`, offer.id],
      ['interview', null, null],
      ['rejected', 'Salary mismatch', OTHER_REASON_ID],
    ]);
  });

  it('lets admins add rejection reasons', async () => {
    const name = unique('Relocation ');
    const created = await t.http.post(
      '/api/ats/rejection-reasons',
      { name, type: 'they_rejected' },
      as(admin),
    );
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name, type: 'they_rejected' });
    expect(
      (
        await t.http.post(
          '/api/ats/rejection-reasons',
          { name: name.toUpperCase(), type: 'we_rejected' },
          as(admin),
        )
      ).status,
    ).toBe(409);
    expect(
      (await t.http.post('/api/ats/rejection-reasons', { name: 'x', type: 'maybe' }, as(admin)))
        .status,
    ).toBe(400);
    expect(
      (
        await t.http.post(
          '/api/ats/rejection-reasons',
          { name: 'y', type: 'we_rejected' },
          as(recruiter),
        )
      ).status,
    ).toBe(403);
  });

  it('refuses moves out of withdrawn and hired, to unknown stages and from a stale stage', async () => {
    const jobId = await createJob();
    const mine = await t.http.post(
      `/api/jobs/${jobId}/applications`,
      {
        applicant_name: 'Casey Candidate',
        applicant_email: candidate.email,
        consent_data_processing: true,
      },
      as(candidate),
    );
    expect(mine.status).toBe(201);
    expect(
      (await t.http.post(`/api/applications/${mine.body.id}/withdraw`, {}, as(candidate))).status,
    ).toBe(200);
    const out = await move(mine.body.id, 'screening');
    expect(out.status).toBe(409);
    expect(out.body.code).toBe('STAGE_TRANSITION_NOT_ALLOWED');
    expect(
      (await t.http.post(`/api/applications/${mine.body.id}/hire`, {}, as(recruiter))).status,
    ).toBe(409);

    const id = await apply(jobId);
    const unknown = await move(id, 'onsite');
    expect(unknown.status).toBe(409);
    expect(unknown.body.code).toBe('UNKNOWN_STAGE');
    const stale = await move(id, 'interview', { from_stage: 'screening' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'STAGE_CHANGED', current_stage: 'applied' });
    expect((await move(id, 'applied')).status).toBe(409);
    expect((await move(randomUUID(), 'screening')).status).toBe(404);
    expect((await move(id, 'Not A Key')).status).toBe(400);
  });

  it('replaces a pipeline, refusing to drop an occupied stage without a target', async () => {
    const jobId = await createJob();
    const stays = await apply(jobId);
    const moved = await apply(jobId);
    const rejected = await apply(jobId);
    await moveOk(moved, 'screening');
    await moveOk(rejected, 'screening');
    await t.http.post(
      `/api/applications/${rejected}/reject`,
      { rejection_reason: 'Not now' },
      as(recruiter),
    );

    const stages = [
      { key: 'applied', name: 'Applied', status: 'Applied', sla_days: 5 },
      { key: 'phone_screen', name: 'Phone screen', status: 'Under Review', sla_days: 3 },
      { key: 'interview', name: 'Interview', status: 'Interview Scheduled' },
      { key: 'offer', name: 'Offer', status: 'Selected' },
      { key: 'hired', name: 'Hired', status: 'Selected' },
    ];
    const put = (body: unknown, user = recruiter) =>
      t.http.put(`/api/jobs/${jobId}/pipeline`, body, as(user));
    const occupied = await put({ stages });
    expect(occupied.status).toBe(409);
    expect(occupied.body).toMatchObject({
      code: 'STAGE_NOT_EMPTY',
      stages: [{ stage: 'screening', count: 1 }],
    });
    expect(
      (await put({ stages: [...stages, { key: 'rejected', name: 'No', status: 'Applied' }] }))
        .status,
    ).toBe(400);
    expect((await put({ stages: [...stages, { ...stages[1] }] })).status).toBe(400);
    expect((await put({ stages: [{ key: 'Bad Key', name: 'x', status: 'Applied' }] })).status).toBe(
      400,
    );
    expect((await put({ stages: [{ key: 'x', name: 'x', status: 'Rejected' }] })).status).toBe(400);
    expect((await put({ stages, moves: { screening: 'nowhere' } })).status).toBe(400);
    expect((await put({ stages, moves: { interview: 'offer' } })).status).toBe(400);

    const ok = await put({ stages, moves: { screening: 'phone_screen' } });
    expect(ok.status).toBe(200);
    expect(ok.body.moved_applications).toBe(1);
    expect(ok.body.stages.map((s: any) => s.key)).toEqual([
      ...stages.map((s) => s.key),
      'rejected',
      'withdrawn',
    ]);
    const app = await t.http.get(`/api/applications/${moved}`, as(recruiter));
    expect(app.body).toMatchObject({ stage: 'phone_screen', status: 'Under Review' });
    const history = (await t.http.get(`/api/applications/${moved}/history`, as(recruiter))).body
      .items;
    expect(history.at(-1)).toMatchObject({
      from_stage: 'screening',
      to_stage: 'phone_screen',
      actor_id: recruiter.id,
    });
    expect((await move(stays, 'screening')).status).toBe(409);
    expect((await move(stays, 'phone_screen')).status).toBe(200);
    const unrejected = await t.http.post(
      `/api/applications/${rejected}/unreject`,
      {},
      as(recruiter),
    );
    expect(unrejected.body.stage).toBe('phone_screen');

    const fresh = await apply(jobId);
    const board = await t.http.get('/api/ats/pipeline', {
      ...as(recruiter),
      query: { job_id: jobId },
    });
    expect(board.body.stages.map((s: any) => [s.key, s.count, s.sla_days])).toEqual([
      ['applied', 1, 5],
      ['phone_screen', 3, 3],
      ['interview', 0, null],
      ['offer', 0, null],
      ['hired', 0, null],
      ['rejected', 0, null],
      ['withdrawn', 0, null],
    ]);
    expect(board.body.stages[0].applications.map((a: any) => a.id)).toEqual([fresh]);
  });

  it('shows the board with counts, SLA breaches and newest applications first', async () => {
    const jobId = await createJob(recruiter2, 'Board Job');
    const applied = [await apply(jobId), await apply(jobId), await apply(jobId)];
    const screening = await apply(jobId);
    await moveOk(screening, 'screening');
    await t.dataSource.query(
      `UPDATE applications SET stage_entered_at = now() - interval '10 days' WHERE id = $1`,
      [applied[0]],
    );

    const board = await t.http.get('/api/ats/pipeline', {
      ...as(recruiter),
      query: { job_id: jobId, limit: 2 },
    });
    expect(board.status).toBe(200);
    expect(board.body.job_id).toBe(jobId);
    expect(
      board.body.stages.map((s: any) => [s.key, s.count, s.overdue_count, s.applications.length]),
    ).toEqual([
      ['applied', 3, 1, 2],
      ['screening', 1, 0, 1],
      ['interview', 0, 0, 0],
      ['offer', 0, 0, 0],
      ['hired', 0, 0, 0],
      ['rejected', 0, 0, 0],
      ['withdrawn', 0, 0, 0],
    ]);
    expect(board.body.stages[0].applications.map((a: any) => a.id)).toEqual([
      applied[2],
      applied[1],
    ]);
    expect(board.body.stages[0].applications[0].applicant_name).toMatch(/^Pat applicant_/);
    // Cards carry what a column shows; contact details stay on the application.
    const card = board.body.stages[0].applications[0];
    expect(card).toMatchObject({ stage: 'applied', status: 'Applied', overdue: false });
    for (const field of ['applicant_email', 'applicant_phone', 'cover_letter', 'expected_salary']) {
      expect(card).not.toHaveProperty(field);
    }
    const full = await t.http.get('/api/ats/pipeline', {
      ...as(recruiter),
      query: { job_id: jobId },
    });
    expect(full.body.stages[0].applications.map((a: any) => [a.id, a.overdue])).toEqual([
      [applied[2], false],
      [applied[1], false],
      [applied[0], true],
    ]);
    expect(
      (await t.http.get('/api/ats/pipeline', { ...as(recruiter), query: { job_id: randomUUID() } }))
        .status,
    ).toBe(404);
    // A job without applications on the default pipeline exists all the same (the board then
    // asks the jobs module, having no stage or application row to prove it).
    const empty = await t.http.get('/api/ats/pipeline', {
      ...as(recruiter),
      query: { job_id: await createJob(recruiter, 'Empty Board Job') },
    });
    expect(empty.status).toBe(200);
    expect(empty.body.stages.map((s: any) => [s.key, s.count, s.applications.length])).toEqual([
      ['applied', 0, 0],
      ['screening', 0, 0],
      ['interview', 0, 0],
      ['offer', 0, 0],
      ['hired', 0, 0],
      ['rejected', 0, 0],
      ['withdrawn', 0, 0],
    ]);
    expect((await t.http.get('/api/ats/pipeline', as(recruiter))).status).toBe(400);

    const dashboard = await t.http.get('/api/recruiter/dashboard', as(recruiter2));
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.jobs).toHaveLength(1);
    expect(dashboard.body.jobs[0]).toMatchObject({
      job_id: jobId,
      title: 'Board Job',
      applications: 4,
      overdue_count: 1,
    });
    expect(dashboard.body.jobs[0].stages.slice(0, 2)).toEqual([
      { key: 'applied', name: 'Applied', count: 3, overdue_count: 1 },
      { key: 'screening', name: 'Screening', count: 1, overdue_count: 0 },
    ]);
    expect(dashboard.body.overdue_applications).toEqual([
      expect.objectContaining({
        application_id: applied[0],
        stage: 'applied',
        sla_days: 7,
        days_in_stage: 10,
      }),
    ]);
    expect(dashboard.body.upcoming_interviews).toEqual([]);
    expect(dashboard.body.answers_awaiting_review).toBe(0);
    const others = await t.http.get('/api/recruiter/dashboard', as(recruiter));
    expect(others.body.jobs.map((j: any) => j.job_id)).not.toContain(jobId);
  });

  it('keeps one scorecard per interviewer and interview, and calibrates interviewers', async () => {
    const jobId = await createJob();
    const id = await apply(jobId);
    const url = `/api/applications/${id}/feedback`;
    const first = await t.http.post(
      url,
      {
        overall_recommendation: 'strong_yes',
        rating: 5,
        notes: 'Excellent design answers',
        attributes: [{ name: 'Design', rating: 5, note: 'Clear trade-offs' }],
      },
      as(recruiter),
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      application_id: id,
      interviewer_id: recruiter.id,
      interview_id: null,
      overall_recommendation: 'strong_yes',
      notes: 'Excellent design answers',
      attributes: [{ name: 'Design', rating: 5, note: 'Clear trade-offs' }],
    });
    const edit = await t.http.post(
      url,
      { overall_recommendation: 'yes', notes: 'On reflection, good' },
      as(recruiter),
    );
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({
      id: first.body.id,
      overall_recommendation: 'yes',
      rating: null,
      attributes: [],
    });
    const interviewId = randomUUID();
    const perInterview = await t.http.post(
      url,
      { interview_id: interviewId, overall_recommendation: 'strong_yes', notes: 'Round two' },
      as(recruiter),
    );
    expect(perInterview.status).toBe(201);
    expect(
      (
        await t.http.post(
          url,
          { overall_recommendation: 'no', rating: 2, notes: 'Weak on SQL' },
          as(recruiter2),
        )
      ).status,
    ).toBe(201);
    expect(
      (await t.http.post(url, { overall_recommendation: 'maybe', notes: 'x' }, as(recruiter)))
        .status,
    ).toBe(400);
    expect(
      (
        await t.http.post(
          url,
          { overall_recommendation: 'yes', rating: 6, notes: 'x' },
          as(recruiter),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await t.http.post(
          `/api/applications/${randomUUID()}/feedback`,
          { overall_recommendation: 'yes', notes: 'x' },
          as(recruiter),
        )
      ).status,
    ).toBe(404);

    const list = await t.http.get(url, as(recruiter));
    expect(
      list.body.items.map((s: any) => [s.interviewer_id, s.interview_id, s.overall_recommendation]),
    ).toEqual([
      [recruiter.id, null, 'yes'],
      [recruiter.id, interviewId, 'strong_yes'],
      [recruiter2.id, null, 'no'],
    ]);
    const stored = await t.dataSource.query<{ notes_encrypted: string }[]>(
      'SELECT notes_encrypted FROM scorecards WHERE application_id = $1',
      [id],
    );
    expect(
      stored.every(
        (s) => !s.notes_encrypted.includes('SQL') && !s.notes_encrypted.includes('reflection'),
      ),
    ).toBe(true);

    // recruiter: mean of yes (3) and strong_yes (4) = 3.5 on this application; recruiter2: no (2).
    const quality = await t.http.get('/api/ats/quality', {
      ...as(recruiter),
      query: { job_id: jobId },
    });
    expect(quality.status).toBe(200);
    expect(quality.body.interviewer_calibration).toEqual(
      expect.arrayContaining([
        {
          interviewer_id: recruiter.id,
          scorecards: 2,
          mean_recommendation: 3.5,
          compared_applications: 1,
          panel_mean: 2,
          delta: 1.5,
        },
        {
          interviewer_id: recruiter2.id,
          scorecards: 1,
          mean_recommendation: 2,
          compared_applications: 1,
          panel_mean: 3.5,
          delta: -1.5,
        },
      ]),
    );
    for (const field of [
      'question_approval',
      'score_distributions',
      'ai_human_agreement',
    ] as const) {
      expect(quality.body[field]).not.toBeNull();
    }
  });

  it('reports question approval, score distributions and AI-human agreement that match a recount', async () => {
    const expert = await createStaff(t.http, admin, 'domain_expert');
    const jobId = await createJob(recruiter, 'Quality Engineer');
    const generated = await t.http.post(
      '/api/questions/generate',
      { job_id: jobId, count: 5, types: ['technical'] },
      as(recruiter),
    );
    expect(generated.status).toBe(201);
    const questionIds: string[] = generated.body.items.map((q: any) => q.id);
    expect(questionIds).toHaveLength(5);
    // Three approved, one rejected after review, one never reviewed: 3 of 5.
    const approvedIds = questionIds.slice(0, 3);
    const approve = await t.http.post(
      '/api/questions/approve',
      { question_ids: approvedIds, approved: true },
      as(expert),
    );
    expect(approve.status).toBe(200);
    const reject = await t.http.post(
      '/api/questions/approve',
      { question_ids: [questionIds[3]], approved: false, comment: 'Too vague' },
      as(expert),
    );
    expect(reject.status).toBe(200);
    const [counted] = await t.dataSource.query<{ questions: number; approved: number }[]>(
      'SELECT count(*)::int AS questions, count(*) FILTER (WHERE is_approved)::int AS approved FROM questions WHERE job_id = $1',
      [jobId],
    );
    expect(counted).toEqual({ questions: 5, approved: 3 });

    // Two consenting candidates answer the three approved questions; the offline scorer scores all.
    const answerIds: { answerId: string; questionId: string; interviewId: string }[] = [];
    for (const n of [0, 1]) {
      const who = await signupCandidate(t.http);
      const applied = await t.http.post(
        `/api/jobs/${jobId}/applications`,
        { applicant_name: `Quinn ${n}`, applicant_email: who.email, consent_data_processing: true },
        as(who),
      );
      expect(applied.status).toBe(201);
      const consent = await t.http.post(
        '/api/gdpr/consent',
        { purpose: 'ai_evaluation', granted: true, policy_version: '2026-01' },
        as(who),
      );
      expect(consent.status).toBe(201);
      const scheduled = await t.http.post(
        '/api/interviews',
        {
          application_id: applied.body.id,
          scheduled_at: new Date(Date.now() + 60_000).toISOString(),
          mode: 'async',
          question_ids: approvedIds,
        },
        as(recruiter),
      );
      expect(scheduled.status).toBe(201);
      const interviewId: string = scheduled.body.id;
      expect((await t.http.post(`/api/interviews/${interviewId}/start`, {}, as(who))).status).toBe(
        200,
      );
      for (const [i, questionId] of approvedIds.entries()) {
        const words = n === 0 ? 'indexes, transactions and query plans' : 'not sure';
        const res = await t.http.post(
          `/api/interviews/${interviewId}/answers`,
          {
            question_id: questionId,
            answer_text: `Answer ${i}: I would talk about ${words} with an example.`,
          },
          as(who),
        );
        expect(res.status).toBe(201);
      }
      expect(
        (await t.http.post(`/api/interviews/${interviewId}/complete`, {}, as(who))).status,
      ).toBe(200);
      await waitFor(async () => {
        const res = await t.http.get(`/api/interviews/${interviewId}/results`, as(recruiter));
        return res.body.results_status === 'complete';
      });
      const results = await t.http.get(`/api/interviews/${interviewId}/results`, as(recruiter));
      for (const a of results.body.answers) {
        answerIds.push({ answerId: a.answer_id, questionId: a.question_id, interviewId });
      }
    }
    expect(answerIds).toHaveLength(6);
    const machineRows = await t.dataSource.query<{ answer_id: string; overall: number }[]>(
      `SELECT answer_id, overall::float8 AS overall FROM answer_scores
        WHERE kind = 'machine' AND answer_id = ANY($1::uuid[])`,
      [answerIds.map((a) => a.answerId)],
    );
    const machine = new Map(machineRows.map((r) => [r.answer_id, r.overall]));
    expect(machine.size).toBe(6);

    // A domain expert reviews four of the six answers (both on the first question).
    const reviews = [
      { relevance: 2, completeness: 3, accuracy: 1, clarity: 4 },
      { relevance: 9, completeness: 8, accuracy: 10, clarity: 7 },
      { relevance: 5, completeness: 5, accuracy: 5, clarity: 5 },
      { relevance: 10, completeness: 0, accuracy: 7, clarity: 3 },
    ];
    const reviewed = [
      answerIds.find(
        (a) => a.questionId === approvedIds[0] && a.interviewId === answerIds[0].interviewId,
      )!,
      answerIds.find(
        (a) => a.questionId === approvedIds[0] && a.interviewId !== answerIds[0].interviewId,
      )!,
      answerIds.find(
        (a) => a.questionId === approvedIds[1] && a.interviewId === answerIds[0].interviewId,
      )!,
      answerIds.find(
        (a) => a.questionId === approvedIds[2] && a.interviewId !== answerIds[0].interviewId,
      )!,
    ];
    const human = new Map<string, number>();
    for (const [i, target] of reviewed.entries()) {
      const s = reviews[i];
      const overall =
        Math.round(
          (s.relevance * 0.3 + s.completeness * 0.25 + s.accuracy * 0.3 + s.clarity * 0.15) * 100,
        ) / 100;
      const res = await t.http.post(
        `/api/interviews/${target.interviewId}/answers/${target.answerId}/review`,
        { scores: s, comment: `Quality review ${i}` },
        as(expert),
      );
      expect(res.status).toBe(200);
      expect(res.body.scores.overall).toBeCloseTo(overall, 2);
      human.set(target.answerId, overall);
    }

    const quality = await t.http.get('/api/ats/quality', {
      ...as(recruiter),
      query: { job_id: jobId },
    });
    expect(quality.status).toBe(200);
    expect(quality.body.question_approval).toEqual({ questions: 5, approved: 3, rate: 0.6 });

    // Effective score per answer: the human review when there is one, else the machine's.
    // PostgreSQL rounds the decimal value half away from zero (3.585 → 3.59), where toFixed would
    // round the binary float (3.58499… → 3.58): scale, drop float noise, then round.
    const round = (value: number, digits: number) =>
      Math.round(Number((value * 10 ** digits).toPrecision(15))) / 10 ** digits;
    const expectedDistributions = approvedIds.map((questionId) => {
      const scores = answerIds
        .filter((a) => a.questionId === questionId)
        .map((a) => human.get(a.answerId) ?? machine.get(a.answerId)!)
        .sort((x, y) => x - y);
      const mid = scores.length / 2;
      const median =
        scores.length % 2 ? scores[Math.floor(mid)] : (scores[mid - 1] + scores[mid]) / 2;
      return {
        question_id: questionId,
        answers: scores.length,
        mean: round(scores.reduce((sum, s) => sum + s, 0) / scores.length, 2),
        median: round(median, 2),
        buckets: [0, 2, 4, 6, 8].map(
          (lo) => scores.filter((s) => s >= lo && (lo === 8 || s < lo + 2)).length,
        ),
      };
    });
    const distributions = quality.body.score_distributions;
    expect(distributions).toHaveLength(3);
    for (const expected of expectedDistributions) {
      const actual = distributions.find((d: any) => d.question_id === expected.question_id);
      expect(actual).toBeDefined();
      expect(actual.answers).toBe(2);
      expect(actual.buckets).toEqual(expected.buckets);
      expect(actual.mean).toBeCloseTo(expected.mean, 2);
      expect(actual.median).toBeCloseTo(expected.median, 2);
    }
    expect(distributions.reduce((sum: number, d: any) => sum + d.answers, 0)).toBe(6);

    // Scores have two decimals: subtract in hundredths so "within one point" compares exactly.
    const cents = (score: number) => Math.round(score * 100);
    const diffs = [...human].map(
      ([answerId, h]) => Math.abs(cents(machine.get(answerId)!) - cents(h)) / 100,
    );
    const agreement = quality.body.ai_human_agreement;
    expect(agreement.pairs).toBe(4);
    expect(agreement.mean_absolute_difference).toBeCloseTo(
      round(diffs.reduce((sum, d) => sum + d, 0) / diffs.length, 3),
      3,
    );
    expect(agreement.within_one_point).toBeCloseTo(
      round(diffs.filter((d) => d <= 1).length / diffs.length, 4),
      4,
    );
  });

  it('delivers signed webhooks, retrying the same delivery after failures', async () => {
    const flaky = await startReceiver(2);
    const broken = await startReceiver(Number.POSITIVE_INFINITY);
    try {
      const secret = 'whsec-0123456789abcdef';
      const created = await t.http.post(
        '/api/webhooks',
        { url: flaky.url, events: ['application.stage_changed'], secret },
        as(admin),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        url: flaky.url,
        events: ['application.stage_changed'],
        is_active: true,
      });
      expect(JSON.stringify(created.body)).not.toContain(secret);
      const dead = await t.http.post(
        '/api/webhooks',
        { url: broken.url, events: ['application.hired'], secret: 'another-secret-value' },
        as(admin),
      );
      expect(dead.status).toBe(201);
      expect(
        (
          await t.http.post(
            '/api/webhooks',
            { url: 'ftp://example.com/x', events: ['application.hired'], secret },
            as(admin),
          )
        ).status,
      ).toBe(400);
      expect(
        (
          await t.http.post(
            '/api/webhooks',
            { url: flaky.url, events: ['job.created'], secret },
            as(admin),
          )
        ).status,
      ).toBe(400);
      expect(
        (
          await t.http.post(
            '/api/webhooks',
            { url: flaky.url, events: ['application.hired'], secret },
            as(recruiter),
          )
        ).status,
      ).toBe(403);
      const [stored] = await t.dataSource.query<{ secret_encrypted: string }[]>(
        'SELECT secret_encrypted FROM webhook_endpoints WHERE id = $1',
        [created.body.id],
      );
      expect(stored.secret_encrypted).not.toContain(secret);

      const jobId = await createJob();
      const id = await apply(jobId);
      await moveOk(id, 'screening');
      await waitFor(() => flaky.hooks.some((h) => h.status === 200));
      expect(flaky.hooks.map((h) => h.status)).toEqual([500, 500, 200]);
      const deliveryId = flaky.hooks[0].headers['x-panelist-delivery'];
      for (const hook of flaky.hooks) {
        expect(hook.headers['x-panelist-delivery']).toBe(deliveryId);
        expect(hook.headers['x-panelist-event']).toBe('application.stage_changed');
        expect(Number(hook.headers['x-panelist-timestamp'])).toBeGreaterThan(0);
        const expected = `sha256=${createHmac('sha256', secret).update(hook.body).digest('hex')}`;
        expect(hook.headers['x-panelist-signature']).toBe(expected);
      }
      expect(JSON.parse(flaky.hooks[2].body)).toMatchObject({
        id: deliveryId,
        event: 'application.stage_changed',
        data: {
          application_id: id,
          job_id: jobId,
          from_stage: 'applied',
          to_stage: 'screening',
          actor_id: recruiter.id,
        },
      });
      expect(flaky.hooks[2].body).not.toMatch(/Pat applicant_|@example\.com/);

      await waitFor(async () => {
        const res = await t.http.get(`/api/webhooks/${created.body.id}/deliveries`, as(admin));
        return res.body.items[0]?.status === 'delivered';
      });
      const deliveries = await t.http.get(`/api/webhooks/${created.body.id}/deliveries`, as(admin));
      expect(deliveries.body.items.map((d: any) => d.event)).toEqual([
        'application.stage_changed',
        'ping',
      ]);
      expect(deliveries.body.items[0]).toMatchObject({
        id: deliveryId,
        status: 'delivered',
        attempts: 3,
      });
      expect(deliveries.body.items[0].attempt_log.map((a: any) => a.status_code)).toEqual([
        500, 500, 200,
      ]);

      // An endpoint that never answers 2xx is disabled once a delivery exhausts its retries.
      await moveOk(id, 'interview', 'offer');
      expect((await t.http.post(`/api/applications/${id}/hire`, {}, as(recruiter))).status).toBe(
        200,
      );
      await waitFor(async () => {
        const res = await t.http.get('/api/webhooks', as(admin));
        return res.body.items.some((w: any) => w.id === dead.body.id && !w.is_active);
      });
      const listed = (await t.http.get('/api/webhooks', as(admin))).body.items;
      expect(listed.find((w: any) => w.id === dead.body.id)).toMatchObject({
        is_active: false,
        consecutive_failures: 1,
        disabled_reason: expect.stringContaining('HTTP 500'),
      });
      expect(broken.hooks).toHaveLength(3);
      expect(JSON.stringify(listed)).not.toContain('secret');

      expect((await t.http.delete(`/api/webhooks/${dead.body.id}`, as(admin))).status).toBe(204);
      expect((await t.http.delete(`/api/webhooks/${dead.body.id}`, as(admin))).status).toBe(404);
    } finally {
      flaky.server.close();
      broken.server.close();
    }
  });

  it('describes every ATS route in the OpenAPI document', async () => {
    const { paths } = (await t.http.get('/docs-json')).body;
    const expected: [string, string][] = [
      ['/api/jobs/{id}/pipeline', 'put'],
      ['/api/ats/pipeline', 'get'],
      ['/api/ats/move-stage', 'post'],
      ['/api/applications/{id}/reject', 'post'],
      ['/api/applications/{id}/unreject', 'post'],
      ['/api/applications/{id}/hire', 'post'],
      ['/api/applications/{id}/history', 'get'],
      ['/api/applications/{id}/feedback', 'post'],
      ['/api/ats/rejection-reasons', 'get'],
      ['/api/ats/analytics', 'get'],
      ['/api/ats/quality', 'get'],
      ['/api/recruiter/dashboard', 'get'],
      ['/api/webhooks', 'post'],
      ['/api/webhooks/{id}', 'delete'],
    ];
    for (const [path, method] of expected) {
      expect([path, method, Boolean(paths[path]?.[method])]).toEqual([path, method, true]);
    }
    expect(paths['/api/ats/move-stage'].post.requestBody).toBeDefined();
    expect(paths['/api/ats/pipeline'].get.responses['200']).toBeDefined();
  });

  it('refuses ATS routes to candidates and anonymous callers', async () => {
    const jobId = await createJob();
    const id = await apply(jobId);
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/ats/pipeline?job_id=${jobId}`],
      [
        'PUT',
        `/api/jobs/${jobId}/pipeline`,
        { stages: [{ key: 'a', name: 'A', status: 'Applied' }] },
      ],
      ['POST', '/api/ats/move-stage', { application_id: id, to_stage: 'screening' }],
      ['POST', `/api/applications/${id}/reject`, { rejection_reason: 'x' }],
      ['POST', `/api/applications/${id}/unreject`, {}],
      ['POST', `/api/applications/${id}/hire`, {}],
      ['GET', `/api/applications/${id}/history`],
      ['POST', `/api/applications/${id}/feedback`, { overall_recommendation: 'yes', notes: 'x' }],
      ['GET', `/api/applications/${id}/feedback`],
      ['GET', '/api/ats/rejection-reasons'],
      ['GET', '/api/ats/analytics'],
      ['GET', '/api/ats/quality'],
      ['GET', '/api/recruiter/dashboard'],
      ['GET', '/api/webhooks'],
      [
        'POST',
        '/api/webhooks',
        { url: 'http://127.0.0.1/x', events: ['application.hired'], secret: '0123456789abcdef' },
      ],
    ];
    for (const [method, path, body] of calls) {
      expect([
        method,
        path,
        (await t.http.request(method, path, body, as(candidate))).status,
      ]).toEqual([method, path, 403]);
      expect([method, path, (await t.http.request(method, path, body)).status]).toEqual([
        method,
        path,
        401,
      ]);
    }
    expect((await t.http.get(`/api/applications/${id}`, as(recruiter))).body.stage).toBe('applied');
  });
});
