import { createHash } from 'node:crypto';
import { loginAdmin, SignedIn } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

interface CreatedKey {
  id: string;
  key: string;
  prefix: string;
}

// API keys for integrations (issue #19 item 1, API.md "Integrations").
describe('API keys (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '40' } });
    admin = await loginAdmin(t.http);
  });

  afterAll(() => t.close());

  async function createKey(body: Record<string, unknown>): Promise<CreatedKey> {
    const res = await t.http.post('/api/admin/api-keys', body, { token: admin.accessToken });
    expect(res.status).toBe(201);
    return res.body as CreatedKey;
  }

  const newJob = { title: 'Integration Engineer', description: 'Sync.', company: 'Acme' };

  it('shows the key once, stores only its hash, and never lists it', async () => {
    const res = await t.http.post(
      '/api/admin/api-keys',
      { name: 'HRIS sync', scopes: ['jobs:read'], expires_at: '2099-01-01T00:00:00Z' },
      { token: admin.accessToken },
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'HRIS sync',
      scopes: ['jobs:read'],
      key: expect.stringMatching(/^pnl_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/),
      prefix: expect.stringMatching(/^pnl_[0-9a-f]{8}$/),
      created_at: expect.any(String),
      expires_at: '2099-01-01T00:00:00.000Z',
    });
    expect(res.body.key.startsWith(res.body.prefix)).toBe(true);
    const [row] = await t.dataSource.query<{ secret_hash: string }[]>(
      'SELECT secret_hash FROM api_keys WHERE id = $1',
      [res.body.id],
    );
    expect(row.secret_hash).toBe(createHash('sha256').update(res.body.key).digest('hex'));
    const dump = JSON.stringify(await t.dataSource.query('SELECT * FROM api_keys'));
    expect(dump).not.toContain(res.body.key.slice(37));
    const list = await t.http.get('/api/admin/api-keys', { token: admin.accessToken });
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(res.body.key);
    expect(list.body.items.find((k: { id: string }) => k.id === res.body.id)).toMatchObject({
      name: 'HRIS sync',
      prefix: res.body.prefix,
      last_used_at: null,
      revoked_at: null,
    });
    // The key's service account is not a person: not in the user list, no password sign-in.
    const users = await t.http.get('/api/admin/users', {
      token: admin.accessToken,
      query: { limit: 100 },
    });
    expect(users.text).not.toContain(res.body.id);
  });

  it('refuses unknown scopes, a past expiry and non-admins', async () => {
    const bad = await t.http.post(
      '/api/admin/api-keys',
      { name: 'x', scopes: ['jobs:delete'] },
      { token: admin.accessToken },
    );
    expect(bad.status).toBe(400);
    const past = await t.http.post(
      '/api/admin/api-keys',
      { name: 'x', scopes: ['jobs:read'], expires_at: '2001-01-01T00:00:00Z' },
      { token: admin.accessToken },
    );
    expect(past.status).toBe(400);
    const key = await createKey({ name: 'no admin', scopes: ['jobs:write'] });
    const byKey = await t.http.post(
      '/api/admin/api-keys',
      { name: 'y', scopes: ['jobs:read'] },
      { token: key.key },
    );
    expect(byKey.status).toBe(403);
  });

  it('acts within its scopes, records itself as the actor, and notes when it was used', async () => {
    const key = await createKey({ name: 'ATS bridge', scopes: ['jobs:write'] });
    const created = await t.http.post('/api/jobs', newJob, { token: key.key });
    expect(created.status).toBe(201);
    expect(created.body.created_by).toBe(key.id);
    // write includes read
    expect((await t.http.get(`/api/jobs/${created.body.id}`, { token: key.key })).status).toBe(200);
    expect((await t.http.get('/api/candidates', { token: key.key })).status).toBe(403);
    const [audit] = await t.dataSource.query<{ actor_id: string; action: string }[]>(
      `SELECT actor_id, action FROM audit_events WHERE target_id = $1 ORDER BY seq`,
      [created.body.id],
    );
    expect(audit.actor_id).toBe(key.id);
    const [used] = await t.dataSource.query<{ last_used_at: Date | null }[]>(
      'SELECT last_used_at FROM api_keys WHERE id = $1',
      [key.id],
    );
    expect(used.last_used_at).not.toBeNull();
  });

  it('a read scope does not allow writes, and a key has recruiter rights unless granted admin', async () => {
    const reader = await createKey({ name: 'reader', scopes: ['jobs:read'] });
    expect((await t.http.post('/api/jobs', newJob, { token: reader.key })).status).toBe(403);
    const gdpr = await createKey({ name: 'gdpr', scopes: ['gdpr:read'] });
    expect((await t.http.get('/api/gdpr/audit', { token: gdpr.key })).status).toBe(403);
    const gdprAdmin = await createKey({ name: 'gdpr admin', scopes: ['gdpr:read', 'admin'] });
    expect((await t.http.get('/api/gdpr/audit', { token: gdprAdmin.key })).status).toBe(200);
    // Routes that declare no scope (accounts, mail, media...) stay closed to keys.
    expect((await t.http.get('/api/admin/users', { token: gdprAdmin.key })).status).toBe(403);
  });

  it('a revoked key stops working at once; expired and forged keys are refused', async () => {
    const key = await createKey({ name: 'to revoke', scopes: ['jobs:read'] });
    expect((await t.http.get('/api/jobs', { token: key.key })).status).toBe(200);
    const del = await t.http.delete(`/api/admin/api-keys/${key.id}`, { token: admin.accessToken });
    expect(del.status).toBe(204);
    const after = await t.http.get('/api/jobs?status=Open', { token: key.key });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('API_KEY_REVOKED');
    const [audit] = await t.dataSource.query<{ actor_id: string }[]>(
      `SELECT actor_id FROM audit_events WHERE action = 'api_key.revoked' AND target_id = $1`,
      [key.id],
    );
    expect(audit.actor_id).toBe(admin.id);

    const expiring = await createKey({ name: 'expiring', scopes: ['jobs:read'] });
    await t.dataSource.query(
      `UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [expiring.id],
    );
    const expired = await t.http.get('/api/candidates', { token: expiring.key });
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('API_KEY_EXPIRED');

    const live = await createKey({ name: 'live', scopes: ['jobs:read'] });
    const forged = `${live.key.slice(0, -4)}AAAA`;
    const res = await t.http.get('/api/candidates', { token: forged });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('API_KEY_INVALID');
    expect(res.text).not.toContain(live.key.slice(37));
  });

  it('rate limits per key: one busy integration does not use up another one', async () => {
    const busy = await createKey({ name: 'busy', scopes: ['jobs:read'] });
    const calm = await createKey({ name: 'calm', scopes: ['jobs:read'] });
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      statuses.push((await t.http.get('/api/jobs/search?q=x', { token: busy.key })).status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect((await t.http.get('/api/jobs/search?q=x', { token: calm.key })).status).toBe(200);
  });
});
