import { Client } from 'pg';
import { createStaff, loginAdmin, SignedIn } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

// Issue #16: anonymous job reads come from memory until a job changes. A change must show at once
// on the instance that made it, and on another instance as soon as its NOTIFY arrives — long
// before the TTL, which these instances set to ten minutes so only invalidation can explain it.
describe('Public job cache across instances (e2e)', () => {
  const env = { PUBLIC_JOB_CACHE_TTL_MS: '600000' };
  let a: TestApp;
  let b: TestApp;
  let db: Client;
  let recruiter: SignedIn;

  beforeAll(async () => {
    a = await createTestApp({ env });
    b = await createTestApp({ env: { ...env, DATABASE_URL: a.databaseUrl } });
    db = new Client({ connectionString: a.databaseUrl });
    await db.connect();
    recruiter = await createStaff(a.http, await loginAdmin(a.http), 'recruiter');
  });

  afterAll(async () => {
    await db.end();
    await b.close();
    await a.close();
  });

  async function openJob(title: string): Promise<string> {
    const body = {
      title,
      description: 'Build APIs with Node.js and PostgreSQL.',
      company: 'Acme',
      location: 'Berlin, Germany',
      status: 'Open',
    };
    const res = await a.http.post('/api/jobs', body, { token: recruiter.accessToken });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  // Bypasses the trigger: what a cache without invalidation would keep serving.
  async function silentRename(id: string, title: string): Promise<void> {
    await db.query('BEGIN');
    await db.query('SET LOCAL session_replication_role = replica');
    await db.query('UPDATE jobs SET title = $2 WHERE id = $1', [id, title]);
    await db.query('COMMIT');
  }

  async function titleOn(t: TestApp, id: string): Promise<string | number> {
    const res = await t.http.get(`/api/jobs/${id}`);
    return res.status === 200 ? (res.body.title as string) : res.status;
  }

  async function eventually(check: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if (await check()) {
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('condition not met within 5 s');
  }

  it('answers a repeated anonymous read from memory (the control for what follows)', async () => {
    const id = await openJob('Cached Engineer');
    expect(await titleOn(b, id)).toBe('Cached Engineer');
    await silentRename(id, 'Renamed Silently');
    expect(await titleOn(b, id)).toBe('Cached Engineer');
    // A signed-in reader never goes through the cache.
    const staff = await b.http.get(`/api/jobs/${id}`, { token: recruiter.accessToken });
    expect(staff.body.title).toBe('Renamed Silently');
  });

  it('hides a job closed through the API at once on the same instance', async () => {
    const id = await openJob('Closing Soon Zeppelinwright');
    const listed = async (path: string, query: Record<string, string | number>) =>
      ((await a.http.get(path, { query })).body.items as { id: string }[])
        .map((job) => job.id)
        .includes(id);
    const list = () => listed('/api/jobs', { limit: 100 });
    const search = () => listed('/api/jobs/search', { q: 'zeppelinwright' });
    expect(await titleOn(a, id)).toBe('Closing Soon Zeppelinwright');
    expect(await list()).toBe(true);
    expect(await search()).toBe(true);
    const closed = await a.http.patch(
      `/api/jobs/${id}`,
      { status: 'Closed' },
      { token: recruiter.accessToken },
    );
    expect(closed.status).toBe(200);
    expect(await titleOn(a, id)).toBe(404);
    expect(await list()).toBe(false);
    expect(await search()).toBe(false);
  });

  it('shows a change committed elsewhere on another instance once its NOTIFY arrives', async () => {
    const id = await openJob('Before Notify');
    expect(await titleOn(b, id)).toBe('Before Notify');
    // Through the trigger, as another instance, a worker or psql would change it.
    await db.query('UPDATE jobs SET title = $2 WHERE id = $1', [id, 'After Notify']);
    await eventually(async () => (await titleOn(b, id)) === 'After Notify');
  });

  it('caches nothing while its listener is gone, and listens again', async () => {
    const id = await openJob('Listener Drill');
    expect(await titleOn(b, id)).toBe('Listener Drill');
    await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'panelist-public-jobs' AND datname = current_database()`,
    );
    // The instances lose their listeners; until one is back, every read goes to the database.
    await silentRename(id, 'Read Without Listener');
    await eventually(async () => (await titleOn(b, id)) === 'Read Without Listener');
    await eventually(async () => {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE application_name = 'panelist-public-jobs' AND datname = current_database()`,
      );
      return rows[0].n === 2;
    });
    expect(await titleOn(b, id)).toBe('Read Without Listener');
    await db.query('UPDATE jobs SET title = $2 WHERE id = $1', [id, 'Heard Again']);
    await eventually(async () => (await titleOn(b, id)) === 'Heard Again');
  });
});
