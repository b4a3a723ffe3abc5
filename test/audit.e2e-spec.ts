import { loginAdmin, signupCandidate } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

describe('Audit chain (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t.close());

  it('records auth events without personal data and verifies the chain', async () => {
    const admin = await loginAdmin(t.http);
    const user = await signupCandidate(t.http);
    await t.http.post('/api/auth/login', {
      username: user.username,
      password: 'wrong-password-here',
    });
    const list = await t.http.get('/api/gdpr/audit', {
      token: admin.accessToken,
      query: { subject_id: user.id },
    });
    expect(list.status).toBe(200);
    const actions = list.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.signup', 'auth.login_failed']));
    expect(JSON.stringify(list.body)).not.toContain(user.email);

    const verify = await t.http.get('/api/gdpr/audit/verify', { token: admin.accessToken });
    expect(verify.status).toBe(200);
    expect(verify.body).toEqual({
      valid: true,
      entries_checked: expect.any(Number),
      first_invalid_id: null,
    });
    expect(verify.body.entries_checked).toBeGreaterThanOrEqual(3);
  });

  it('refuses UPDATE and DELETE on audit entries', async () => {
    await expect(t.dataSource.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
  });

  it('reports the first altered entry when the trigger is bypassed', async () => {
    const admin = await loginAdmin(t.http);
    const rows = await t.dataSource.query<{ id: string }[]>(
      'SELECT id FROM audit_events ORDER BY seq ASC',
    );
    const victim = rows[Math.floor(rows.length / 2)].id;
    await t.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
      await manager.query(`UPDATE audit_events SET action = 'auth.tampered' WHERE id = $1`, [
        victim,
      ]);
      await manager.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
    });
    const verify = await t.http.get('/api/gdpr/audit/verify', { token: admin.accessToken });
    expect(verify.body.valid).toBe(false);
    expect(verify.body.first_invalid_id).toBe(victim);
  });
});
