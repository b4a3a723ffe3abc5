import { Client } from 'pg';
import { AccountStateCache } from '../src/auth/account-state/account-state.cache';
import { createStaff, loginAdmin, signupCandidate, SignedIn } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

// Resolves when the cache of one instance drops the given account (a NOTIFY it received).
function droppedBy(cache: AccountStateCache, accountId: string): Promise<void> {
  const original = cache.invalidate.bind(cache);
  return new Promise((resolve) => {
    cache.invalidate = (id: string) => {
      original(id);
      if (id === accountId) {
        cache.invalidate = original;
        resolve();
      }
    };
  });
}

// Issue #16: the per-request account check is answered from memory, and two API instances on one
// database still refuse a revoked token as soon as the change's NOTIFY arrives.
describe('Account-state cache across instances (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  let db: Client;
  let admin: SignedIn;

  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp({ env: { DATABASE_URL: a.databaseUrl } });
    db = new Client({ connectionString: a.databaseUrl });
    await db.connect();
    admin = await loginAdmin(a.http);
  });

  afterAll(async () => {
    await db.end();
    await b.close();
    await a.close();
  });

  // Bypasses the triggers: what the cache would miss without a notification.
  async function silentUpdate(sql: string, params: unknown[]): Promise<void> {
    await db.query('BEGIN');
    await db.query('SET LOCAL session_replication_role = replica');
    await db.query(sql, params);
    await db.query('COMMIT');
  }

  it('authenticates concurrent requests independently (each gets its own answer)', async () => {
    const users = await Promise.all([1, 2, 3, 4].map(() => signupCandidate(a.http)));
    const calls = users.flatMap((user) =>
      Array.from({ length: 8 }, async () => {
        const res = await b.http.get('/api/auth/me', { token: user.accessToken });
        return `${res.status}:${res.body.id === user.id}`;
      }),
    );
    expect(new Set(await Promise.all(calls))).toEqual(new Set(['200:true']));
  });

  it('serves a repeated request from memory once the listener is up', async () => {
    const user = await signupCandidate(a.http);
    expect((await b.http.get('/api/auth/me', { token: user.accessToken })).status).toBe(200);
    expect(b.app.get(AccountStateCache).active).toBe(true);
    await silentUpdate('UPDATE users SET is_active = false WHERE id = $1', [user.id]);
    // Nothing told instance B: its memory still answers (the control for the tests below).
    expect((await b.http.get('/api/auth/me', { token: user.accessToken })).status).toBe(200);
  });

  it('refuses on instance B a user deactivated through instance A', async () => {
    const user = await signupCandidate(a.http);
    expect((await b.http.get('/api/auth/me', { token: user.accessToken })).status).toBe(200);
    const dropped = droppedBy(b.app.get(AccountStateCache), user.id);
    const patch = await a.http.patch(
      `/api/admin/users/${user.id}`,
      { is_active: false },
      { token: admin.accessToken },
    );
    expect(patch.status).toBe(200);
    // Instance A made the change: it refuses at once, without waiting for any notification.
    expect((await a.http.get('/api/auth/me', { token: user.accessToken })).status).toBe(401);
    await dropped;
    const res = await b.http.get('/api/auth/me', { token: user.accessToken });
    expect(res.status).toBe(401);
  });

  it('ends on instance B a session signed out on instance A, and a demoted role', async () => {
    const user = await signupCandidate(a.http);
    const staff = await createStaff(a.http, admin, 'recruiter');
    expect((await b.http.get('/api/auth/me', { token: user.accessToken })).status).toBe(200);
    expect((await b.http.get('/api/admin/users', { token: staff.accessToken })).status).toBe(403);
    expect((await b.http.get('/api/ats/pipeline', { token: staff.accessToken })).status).not.toBe(
      401,
    );
    const loggedOut = droppedBy(b.app.get(AccountStateCache), user.id);
    await a.http.post(
      '/api/auth/logout',
      { refresh_token: user.refreshToken },
      { token: user.accessToken },
    );
    await loggedOut;
    expect((await b.http.get('/api/auth/me', { token: user.accessToken })).status).toBe(401);

    const demoted = droppedBy(b.app.get(AccountStateCache), staff.id);
    await a.http.patch(
      `/api/admin/users/${staff.id}`,
      { role: 'candidate' },
      { token: admin.accessToken },
    );
    await demoted;
    expect((await b.http.get('/api/auth/me', { token: staff.accessToken })).status).toBe(403);
  });

  it('a change made by hand in SQL reaches every instance too (trigger, not application code)', async () => {
    const user = await signupCandidate(a.http);
    expect((await b.http.get('/api/auth/me', { token: user.accessToken })).status).toBe(200);
    const dropped = droppedBy(b.app.get(AccountStateCache), user.id);
    await db.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [user.id]);
    await dropped;
    expect((await b.http.get('/api/auth/me', { token: user.accessToken })).status).toBe(401);
  });

  it('forgets everything and reads the database when its listener connection is lost', async () => {
    const user = await signupCandidate(a.http);
    const cache = b.app.get(AccountStateCache);
    expect((await b.http.get('/api/auth/me', { token: user.accessToken })).status).toBe(200);
    const original = cache.invalidateAll.bind(cache);
    const emptied = new Promise<void>((resolve) => {
      cache.invalidateAll = () => {
        original();
        cache.invalidateAll = original;
        resolve();
      };
    });
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = 'panelist-account-state' AND datname = current_database()) t`,
    );
    expect(rows[0].n).toBe(2);
    await emptied;
    await silentUpdate('UPDATE users SET is_active = false WHERE id = $1', [user.id]);
    expect((await b.http.get('/api/auth/me', { token: user.accessToken })).status).toBe(401);
  });
});
