import {
  Counters,
  CounterRow,
  countersForDays,
  countersForRange,
} from '../src/pipeline/counters/pipeline-counters';
import { PIPELINE_COUNTERS_COMPACT_QUEUE } from '../src/pipeline/counters/pipeline-counters.job';
import { QueueService } from '../src/queue/queue.service';
import { HttpResponse } from './support/http-client';
import { createStaff, loginAdmin, signupCandidate, SignedIn, unique } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

// Every route that changes an application's stage goes through ApplicationLifecycleService, which
// takes the job's pipeline lock and the application's row lock. Here two DIFFERENT callers race on
// one application, many times, and the stored history must read as if they had run one after the
// other: an unbroken chain of moves, one audit entry per move, counters equal to a recount, and a
// final stage that the job's pipeline holds.
jest.setTimeout(180_000);

const ROUNDS = 8;
const LEGAL_REFUSALS = new Set([
  'STAGE_CHANGED',
  'STAGE_TRANSITION_NOT_ALLOWED',
  'APPLICATION_CLOSED',
]);

interface HistoryRow {
  from_stage: string | null;
  to_stage: string;
  left_at: Date | null;
}

describe('Application lifecycle: concurrent callers serialize (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let recruiter: SignedIn;
  let expert: SignedIn;

  const as = (user: SignedIn) => ({ token: user.accessToken });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    expert = await createStaff(t.http, admin, 'domain_expert');
  });

  afterAll(async () => {
    await t.close();
  });

  async function createJob(): Promise<string> {
    const res = await t.http.post(
      '/api/jobs',
      {
        title: 'Platform Engineer',
        description: 'Queues and PostgreSQL.',
        skills_required: ['SQL'],
      },
      as(recruiter),
    );
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function applyAs(jobId: string, who?: SignedIn): Promise<string> {
    const name = unique('racer_');
    const res = await t.http.post(
      `/api/jobs/${jobId}/applications`,
      {
        applicant_name: `Robin ${name}`,
        applicant_email: who?.email ?? `${name}@example.com`,
        consent_data_processing: true,
      },
      who ? as(who) : {},
    );
    expect(res.status).toBe(201);
    return res.body.id;
  }

  // Each caller either did its move or was refused with a conflict that names what it saw.
  function expectSuccessOrLegalRefusal(res: HttpResponse): void {
    if (res.status !== 200 && res.status !== 201) {
      expect(res.status).toBe(409);
      expect(LEGAL_REFUSALS.has(res.body.code)).toBe(true);
    }
  }

  // The stored story of one application: a chain where each move starts where the previous one
  // ended, exactly one open row (the current stage), one audit entry per move, and the row's stage
  // at the chain's end, inside the job's pipeline.
  async function expectConsistent(applicationId: string, allowed: string[]): Promise<string[]> {
    const [app] = await t.dataSource.query<{ stage: string; job_id: string }[]>(
      'SELECT stage, job_id FROM applications WHERE id = $1',
      [applicationId],
    );
    const history = await t.dataSource.query<HistoryRow[]>(
      `SELECT from_stage, to_stage, left_at FROM application_stage_history
        WHERE application_id = $1 ORDER BY changed_at, (from_stage IS NOT NULL), id`,
      [applicationId],
    );
    expect(history[0].from_stage).toBeNull();
    for (let i = 1; i < history.length; i++) {
      expect(history[i].from_stage).toBe(history[i - 1].to_stage);
      expect(history[i].to_stage).not.toBe(history[i].from_stage);
    }
    expect(history.filter((h) => h.left_at === null)).toHaveLength(1);
    expect(history[history.length - 1]).toMatchObject({ to_stage: app.stage, left_at: null });
    expect(allowed).toContain(app.stage);
    const [{ moves }] = await t.dataSource.query<{ moves: number }[]>(
      `SELECT count(*)::int AS moves FROM audit_events
        WHERE target_type = 'application' AND target_id = $1
          AND action IN ('application.stage_changed', 'application.withdrawn',
                         'application.rejected', 'application.hired', 'application.unrejected')`,
      [applicationId],
    );
    expect(moves).toBe(history.length - 1);
    return history.map((h) => h.to_stage);
  }

  // The counters kept on every move equal a recount from the rows: no move counted twice or lost.
  async function expectCountersMatchRows(jobId: string): Promise<void> {
    const summed = (rows: CounterRow[]) => {
      const c = new Counters().add(rows);
      return (['current', 'rejected', 'reached', 'converted'] as const)
        .flatMap((m) => c.rows(m))
        .filter((r) => Number(r.n) !== 0)
        .map((r) => `${r.metric}|${r.k1}|${r.k2}|${Number(r.n)}`)
        .sort();
    };
    const recount = await countersForRange(
      t.dataSource.manager,
      jobId,
      new Date('2000-01-01'),
      new Date('2100-01-01'),
    );
    const live = await countersForDays(t.dataSource.manager, jobId, null, null);
    expect(summed(live)).toEqual(summed(recount));
  }

  it('serializes a candidate withdrawing against a recruiter moving the same application', async () => {
    const jobId = await createJob();
    const orders = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const candidate = await signupCandidate(t.http);
      const id = await applyAs(jobId, candidate);
      const [withdrawn, moved] = await Promise.all([
        t.http.post(`/api/applications/${id}/withdraw`, {}, as(candidate)),
        t.http.post(
          '/api/ats/move-stage',
          { application_id: id, to_stage: 'screening', from_stage: 'applied' },
          as(recruiter),
        ),
      ]);
      expectSuccessOrLegalRefusal(withdrawn);
      expectSuccessOrLegalRefusal(moved);
      // The candidate's withdrawal always lands: from applied or from screening.
      expect(withdrawn.status).toBe(200);
      const stages = await expectConsistent(id, ['withdrawn']);
      orders.add(stages.join('>'));
      expect(['applied>withdrawn', 'applied>screening>withdrawn']).toContain(stages.join('>'));
      // The recruiter's move succeeded exactly when it ran first.
      expect(moved.status === 200).toBe(stages.includes('screening'));
    }
    await expectCountersMatchRows(jobId);
  });

  it('serializes interview scheduling against a rejection of the same application', async () => {
    const jobId = await createJob();
    const generated = await t.http.post(
      '/api/questions/generate',
      { job_id: jobId, count: 2, types: ['technical'] },
      as(recruiter),
    );
    expect(generated.status).toBe(201);
    const questionIds = generated.body.items.map((q: { id: string }) => q.id);
    const approved = await t.http.post(
      '/api/questions/approve',
      { question_ids: questionIds, approved: true },
      as(expert),
    );
    expect(approved.status).toBeLessThan(300);
    for (let round = 0; round < ROUNDS; round++) {
      const id = await applyAs(jobId);
      const [scheduled, rejected] = await Promise.all([
        t.http.post(
          '/api/interviews',
          {
            application_id: id,
            scheduled_at: new Date(Date.now() + 3_600_000).toISOString(),
            mode: 'async',
            question_ids: questionIds,
          },
          as(recruiter),
        ),
        t.http.post(
          `/api/applications/${id}/reject`,
          { rejection_reason: 'Role filled' },
          as(recruiter),
        ),
      ]);
      expectSuccessOrLegalRefusal(scheduled);
      expect(rejected.status).toBe(200);
      const stages = await expectConsistent(id, ['rejected']);
      expect(['applied>rejected', 'applied>interview>rejected']).toContain(stages.join('>'));
      // An interview exists exactly when scheduling ran first and moved the application.
      expect(scheduled.status === 201).toBe(stages.includes('interview'));
    }
    await expectCountersMatchRows(jobId);
  });

  it('never lets a status move land in a stage that a concurrent pipeline change removes', async () => {
    const jobId = await createJob();
    const base = [
      { key: 'applied', name: 'Applied', status: 'Applied' },
      { key: 'screening', name: 'Screening', status: 'Under Review' },
      { key: 'offer', name: 'Offer', status: 'Selected' },
    ];
    for (let round = 0; round < ROUNDS; round++) {
      // Round by round a "tech_screen" stage comes and goes while a status move aims at it.
      const withStage = await t.http.put(
        `/api/jobs/${jobId}/pipeline`,
        {
          stages: [
            base[0],
            { key: 'tech_screen', name: 'Tech screen', status: 'Interview Scheduled' },
            ...base.slice(1),
          ],
        },
        as(recruiter),
      );
      expect(withStage.status).toBe(200);
      const id = await applyAs(jobId);
      const [statusMove, replaced] = await Promise.all([
        t.http.put(
          `/api/applications/${id}/status`,
          { status: 'Interview Scheduled' },
          as(recruiter),
        ),
        t.http.put(
          `/api/jobs/${jobId}/pipeline`,
          { stages: base, moves: { tech_screen: 'screening' } },
          as(recruiter),
        ),
      ]);
      expect(replaced.status).toBe(200);
      if (statusMove.status !== 200) {
        expect(statusMove.status).toBe(409);
        expect(statusMove.body.code).toBe('UNKNOWN_STAGE');
      }
      // Whichever ran first, the application is in a stage the job's pipeline still has.
      const stages = await expectConsistent(id, ['applied', 'screening']);
      expect(stages[stages.length - 1]).not.toBe('tech_screen');
    }
    await expectCountersMatchRows(jobId);
  });

  // The fold is a @QueueJob method: found by QueueJobExplorer at start-up, run by the queue.
  it('folds the counter deltas through its @QueueJob handler', async () => {
    const jobId = await createJob();
    await applyAs(jobId);
    const pending = async () =>
      (
        await t.dataSource.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM pipeline_counter_deltas',
        )
      )[0].n;
    expect(await pending()).toBeGreaterThan(0);
    await t.app.get(QueueService).enqueue(PIPELINE_COUNTERS_COMPACT_QUEUE, {});
    for (let i = 0; i < 300 && (await pending()) > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await pending()).toBe(0);
    await expectCountersMatchRows(jobId);
  });
});
