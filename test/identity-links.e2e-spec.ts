import { signupCandidate, unique } from './support/factories';
import { applyWithoutAccount, hiringSetup, HiringSetup } from './support/hiring-fixtures';
import { decodedHtml, linksIn, SmtpTestServer, tokenFrom } from './support/smtp-test-server';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(90_000);

// Sign-up verification, the takeover scenario of #13.1 closed by verification, and password reset,
// with every link taken from a message a real SMTP server received.
describe('Verified identities and password reset (e2e)', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let setup: HiringSetup;

  const verifyLinkFor = async (email: string): Promise<string> => {
    const mail = await smtp.waitFor(
      (m) =>
        m.to !== undefined &&
        smtp.to(email).includes(m) &&
        /Confirm your e-mail/.test(m.subject ?? ''),
    );
    const link = linksIn(mail.text).find((l) => l.includes('/verify-email?token='));
    expect(link).toBeDefined();
    return link!;
  };

  beforeAll(async () => {
    smtp = new SmtpTestServer();
    await smtp.start();
    t = await createTestApp({
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Panelist Jobs <jobs@panelist.test>',
        PUBLIC_URL: 'https://jobs.panelist.test',
      },
    });
    setup = await hiringSetup(t.http);
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
    for (const key of ['SMTP_URL', 'MAIL_FROM', 'PUBLIC_URL']) {
      delete process.env[key];
    }
  });

  it('sign-up sends verify_email with both parts, a Message-ID and a PUBLIC_URL link; the link verifies once', async () => {
    const user = await signupCandidate(t.http);
    const link = await verifyLinkFor(user.email);
    const mail = smtp.to(user.email)[0];
    expect(mail.from?.value[0]).toEqual({ address: 'jobs@panelist.test', name: 'Panelist Jobs' });
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@jobs\.panelist\.test>$/);
    expect(decodedHtml(mail.html)).toContain(`href="${link}"`);
    expect(link.startsWith('https://jobs.panelist.test/verify-email?token=')).toBe(true);

    const before = await t.http.get('/api/auth/me', { token: user.accessToken });
    expect(before.body.email_verified).toBe(false);
    const verified = await t.http.post('/api/auth/verify-email', { token: tokenFrom(link) });
    expect(verified.status).toBe(204);
    const after = await t.http.get('/api/auth/me', { token: user.accessToken });
    expect(after.body.email_verified).toBe(true);
    const again = await t.http.post('/api/auth/verify-email', { token: tokenFrom(link) });
    expect(again.status).toBe(400);

    // Only the hash of the token is stored.
    const stored = await t.dataSource.query(
      `SELECT token_hash FROM account_tokens WHERE user_id = $1`,
      [user.id],
    );
    expect(JSON.stringify(stored)).not.toContain(tokenFrom(link));
  });

  it('resend answers 202 and replaces the earlier link', async () => {
    const user = await signupCandidate(t.http);
    const first = await verifyLinkFor(user.email);
    await t.dataSource.query(
      `UPDATE account_tokens SET created_at = now() - interval '2 minutes' WHERE user_id = $1`,
      [user.id],
    );
    const resent = await t.http.post(
      '/api/auth/verify-email/resend',
      {},
      { token: user.accessToken },
    );
    expect(resent.status).toBe(202);
    await smtp.waitFor(() => smtp.to(user.email).length === 2);
    const second = linksIn(smtp.to(user.email)[1].text).find((l) => l.includes('verify-email'))!;
    expect(second).not.toBe(first);
    expect((await t.http.post('/api/auth/verify-email', { token: tokenFrom(first) })).status).toBe(
      400,
    );
    expect((await t.http.post('/api/auth/verify-email', { token: tokenFrom(second) })).status).toBe(
      204,
    );
  });

  it('#13.1 takeover: an unverified account sees none of the earlier applications; after the e-mailed link the owner gets them', async () => {
    const email = `${unique('owner_')}@example.com`;
    const { applicationId } = await applyWithoutAccount(t.http, setup.jobId, email);
    await smtp.waitFor(
      (m) => smtp.to(email).includes(m) && /We received your application/.test(m.subject ?? ''),
    );

    const account = await signupCandidate(t.http, { email });
    // The first candidate route starts the account's own record (the attack path of #13.1).
    const consent = await t.http.post(
      '/api/gdpr/consent',
      { purpose: 'talent_pool', granted: true, policy_version: '2026-01' },
      { token: account.accessToken },
    );
    expect(consent.status).toBe(201);
    const unverified = await t.http.get('/api/applications/me', { token: account.accessToken });
    expect(unverified.body.items).toEqual([]);
    expect(
      (await t.http.get(`/api/applications/${applicationId}`, { token: account.accessToken }))
        .status,
    ).toBe(404);

    const link = await verifyLinkFor(email);
    expect((await t.http.post('/api/auth/verify-email', { token: tokenFrom(link) })).status).toBe(
      204,
    );
    const verified = await t.http.get('/api/applications/me', { token: account.accessToken });
    expect(verified.body.items.map((a: { id: string }) => a.id)).toEqual([applicationId]);
    const consents = await t.http.get('/api/gdpr/consent', { token: account.accessToken });
    expect(JSON.stringify(consents.body)).toContain('talent_pool');
  });

  it('password reset answers 202 for any address, mails only an existing account, and the link ends every session', async () => {
    const user = await signupCandidate(t.http);
    await verifyLinkFor(user.email);
    const unknown = `${unique('nobody_')}@example.com`;
    const a = await t.http.post('/api/auth/password-reset', { email: user.email });
    const b = await t.http.post('/api/auth/password-reset', { email: unknown });
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.text).toBe(b.text);
    const mail = await smtp.waitFor(
      (m) => smtp.to(user.email).includes(m) && /Reset your password/.test(m.subject ?? ''),
    );
    const link = linksIn(mail.text).find((l) => l.includes('/reset-password?token='))!;
    expect(link).toBeDefined();

    const weak = await t.http.post('/api/auth/password-reset/confirm', {
      token: tokenFrom(link),
      new_password: 'password123',
    });
    expect(weak.status).toBe(400);
    const done = await t.http.post('/api/auth/password-reset/confirm', {
      token: tokenFrom(link),
      new_password: 'copper-meadow-lantern-48',
    });
    expect(done.status).toBe(204);
    expect((await t.http.get('/api/auth/me', { token: user.accessToken })).status).toBe(401);
    expect(
      (await t.http.post('/api/auth/refresh', { refresh_token: user.refreshToken })).status,
    ).toBe(401);
    expect(
      (await t.http.post('/api/auth/login', { username: user.username, password: user.password }))
        .status,
    ).toBe(401);
    expect(
      (
        await t.http.post('/api/auth/login', {
          username: user.username,
          password: 'copper-meadow-lantern-48',
        })
      ).status,
    ).toBe(200);
    const reuse = await t.http.post('/api/auth/password-reset/confirm', {
      token: tokenFrom(link),
      new_password: 'another-orchard-pebble-21',
    });
    expect(reuse.status).toBe(400);
    // Nothing ever went to the unknown address.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.to(unknown)).toEqual([]);
  });

  it('an expired reset link is refused', async () => {
    const user = await signupCandidate(t.http);
    await t.http.post('/api/auth/password-reset', { email: user.email });
    const mail = await smtp.waitFor(
      (m) => smtp.to(user.email).includes(m) && /Reset your password/.test(m.subject ?? ''),
    );
    const link = linksIn(mail.text).find((l) => l.includes('reset-password'))!;
    await t.dataSource.query(
      `UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'password_reset'`,
      [user.id],
    );
    const res = await t.http.post('/api/auth/password-reset/confirm', {
      token: tokenFrom(link),
      new_password: 'copper-meadow-lantern-48',
    });
    expect(res.status).toBe(400);
  });
});
