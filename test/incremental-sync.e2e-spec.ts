import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createStaff, loginAdmin, SignedIn, unique } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

interface Item {
  id: string;
  updated_at: string;
  stage?: string;
  source?: string;
}

// Issue #19 item 3: `updated_after` on the lists of jobs, candidates, applications and
// interviews, ordered by (updated_at, id), every change exactly once under concurrent writes.
describe('Incremental sync (e2e)', () => {
  let t: TestApp;
  let recruiter: SignedIn;
  let jobId: string;
  const ids: string[] = [];
  const as = () => ({ token: recruiter.accessToken });

  const apply = async (job: string) => {
    const res = await t.http.post(`/api/jobs/${job}/applications`, {
      applicant_name: 'Sync Walker',
      applicant_email: `${unique('sync')}@example.com`,
      consent_data_processing: true,
    });
    expect(res.status).toBe(201);
    return res.body as Item & { candidate_id: string };
  };

  // Walks a sync list to its end; `between` runs after every page (the concurrent writer's turn).
  async function walk(
    path: string,
    updatedAfter: string,
    between: () => Promise<void> = () => Promise.resolve(),
  ): Promise<Item[]> {
    const seen: Item[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 500; pages++) {
      const res = await t.http.get(path, {
        ...as(),
        query: { updated_after: updatedAfter, limit: 4, cursor },
      });
      expect(res.status).toBe(200);
      seen.push(...(res.body.items as Item[]));
      await between();
      if (!res.body.next_cursor) {
        return seen;
      }
      cursor = res.body.next_cursor;
    }
    throw new Error('the walk did not end');
  }

  const ordered = (items: Item[]) =>
    items.every(
      (item, i) =>
        i === 0 ||
        items[i - 1].updated_at < item.updated_at ||
        (items[i - 1].updated_at === item.updated_at && items[i - 1].id < item.id),
    );

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    const job = await t.http.post(
      '/api/jobs',
      { title: 'Sync Engineer', description: 'Cursors', skills_required: ['SQL'] },
      as(),
    );
    jobId = job.body.id;
    for (let i = 0; i < 16; i++) {
      ids.push((await apply(jobId)).id);
    }
  });

  afterAll(() => t.close());

  it('returns every change once, in its final state, while rows change and an older transaction commits late', async () => {
    const start = new Date(Date.now() - 60_000).toISOString();
    const [held, ...moved] = ids;
    // A transaction that starts before the walk and commits after the walk has gone past its
    // timestamp: a cursor on updated_at alone would skip this row for good.
    const late = new Client({ connectionString: t.databaseUrl });
    await late.connect();
    await late.query('BEGIN');
    await late.query(`UPDATE applications SET source = 'late-commit' WHERE id = $1`, [held]);

    const pending = [...moved];
    let committed = false;
    const writer = async () => {
      const next = pending.shift();
      if (next) {
        const res = await t.http.post(
          '/api/ats/move-stage',
          { application_id: next, to_stage: 'screening' },
          as(),
        );
        expect(res.status).toBe(200);
      } else if (!committed) {
        committed = true;
        await late.query('COMMIT');
        await late.end();
      }
    };
    const seen = await walk(`/api/jobs/${jobId}/applications`, start, writer);
    expect(committed).toBe(true);

    expect(ordered(seen)).toBe(true);
    expect(new Set(seen.map((s) => s.id))).toEqual(new Set(ids));
    const final = await t.dataSource.query<{ id: string; stage: string; source: string }[]>(
      'SELECT id, stage, source FROM applications WHERE job_id = $1',
      [jobId],
    );
    for (const row of final) {
      const versions = seen.filter((s) => s.id === row.id);
      const last = versions[versions.length - 1];
      expect({ id: row.id, stage: last.stage, source: last.source }).toEqual(row);
      // Each change once: a row comes again only with a later updated_at.
      const stamps = versions.map((v) => v.updated_at);
      expect([...stamps].sort()).toEqual(stamps);
      expect(new Set(stamps).size).toBe(stamps.length);
    }
    expect(seen.find((s) => s.id === held && s.source === 'late-commit')).toBeDefined();

    // Caught up: from the last seen change on, nothing is left.
    const after = seen[seen.length - 1].updated_at;
    const rest = await t.http.get(`/api/jobs/${jobId}/applications`, {
      ...as(),
      query: { updated_after: after },
    });
    expect(rest.body.items.filter((i: Item) => i.updated_at > after)).toEqual([]);
  });

  it('moves updated_at on stage moves, scorecards and consent', async () => {
    const app = await apply(jobId);
    const stamp = async () =>
      (await t.http.get(`/api/applications/${app.id}`, as())).body.updated_at as string;
    const before = await stamp();
    expect(
      (
        await t.http.post(
          '/api/ats/move-stage',
          { application_id: app.id, to_stage: 'screening' },
          as(),
        )
      ).status,
    ).toBe(200);
    const moved = await stamp();
    expect(moved > before).toBe(true);
    const feedback = await t.http.post(
      `/api/applications/${app.id}/feedback`,
      { overall_recommendation: 'yes', rating: 4, notes: 'Solid' },
      as(),
    );
    expect(feedback.status).toBe(201);
    expect((await stamp()) > moved).toBe(true);

    const candidateStamp = async () =>
      (await t.http.get(`/api/candidates/${app.candidate_id}`, as())).body.updated_at as string;
    const candidateBefore = await candidateStamp();
    await t.dataSource.query(
      `INSERT INTO consents (id, candidate_id, purpose, granted, policy_version, source, recorded_at)
       VALUES ($1, $2, 'ai_evaluation', false, 'v1', 'test', now())`,
      [randomUUID(), app.candidate_id],
    );
    const candidateAfter = await candidateStamp();
    expect(candidateAfter > candidateBefore).toBe(true);
    const candidates = await walk('/api/candidates', candidateBefore);
    expect(candidates.map((c) => c.id)).toContain(app.candidate_id);
  });

  it('syncs jobs, candidates and interviews the same way, and refuses bad input', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    for (const path of ['/api/jobs', '/api/candidates', '/api/interviews']) {
      const items = await walk(path, since);
      expect(ordered(items)).toBe(true);
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    }
    const jobs = await walk('/api/jobs', since);
    expect(jobs.map((j) => j.id)).toContain(jobId);
    const candidates = await walk('/api/candidates', since);
    expect(candidates.length).toBeGreaterThanOrEqual(ids.length);

    const bad = await t.http.get('/api/jobs', { query: { updated_after: 'yesterday' } });
    expect(bad.status).toBe(400);
    const plain = await t.http.get('/api/candidates', { ...as(), query: { limit: 1 } });
    const mixed = await t.http.get('/api/candidates', {
      ...as(),
      query: { updated_after: since, cursor: plain.body.next_cursor },
    });
    expect(mixed.status).toBe(400);
    const forged = Buffer.from(JSON.stringify(['u', since, 'not-a-uuid'])).toString('base64url');
    const refused = await t.http.get('/api/candidates', {
      ...as(),
      query: { updated_after: since, cursor: forged },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('INVALID_CURSOR');
  });
});
