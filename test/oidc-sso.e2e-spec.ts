import { loginAdmin, signupCandidate } from './support/factories';
import { OidcTestProvider, signInThrough, TestAccount } from './support/oidc-test-provider';
import { freePort } from './support/server-process';
import { createTestApp, TestApp } from './support/test-app';

const PUBLIC_URL = 'http://127.0.0.1:18000';
const REDIRECT_URI = `${PUBLIC_URL}/api/auth/oidc/callback`;
const CLIENT = {
  id: 'panelist-test',
  secret: 'panelist-test-client-secret',
  redirectUri: REDIRECT_URI,
};

let counter = 0;
function person(overrides: Partial<TestAccount> = {}): TestAccount {
  counter++;
  return {
    sub: `person-${counter}`,
    email: `sso.person.${counter}.${Date.now()}@corp.example`,
    email_verified: true,
    groups: ['recruiters'],
    ...overrides,
  };
}

// Single sign-on over OpenID Connect (issue #19 item 6) against a real provider on 127.0.0.1.
describe('Single sign-on over OpenID Connect (e2e)', () => {
  let t: TestApp;
  let idp: OidcTestProvider;

  beforeAll(async () => {
    idp = new OidcTestProvider(await freePort(), CLIENT);
    await idp.start();
    t = await createTestApp({
      env: {
        PUBLIC_URL,
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: CLIENT.id,
        OIDC_CLIENT_SECRET: CLIENT.secret,
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_ROLE_MAP: 'hr-admins:admin,recruiters:recruiter,experts:domain_expert',
        OIDC_ONLY_STAFF: 'true',
      },
    });
  });

  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  // Start at the API, walk the provider as a browser would, and come back with the callback query.
  async function authorize(account: TestAccount): Promise<Record<string, string>> {
    idp.nextAccount = account;
    const start = await fetch(`${t.baseUrl}/api/auth/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const location = start.headers.get('location')!;
    const url = new URL(location);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    return signInThrough(location, REDIRECT_URI);
  }

  it('creates a staff account from a verified e-mail and the mapped group, and signs it in', async () => {
    const account = person({ groups: ['recruiters', 'unrelated'] });
    const callback = await t.http.get('/api/auth/oidc/callback', {
      query: await authorize(account),
    });
    expect(callback.status).toBe(200);
    expect(callback.body).toMatchObject({ token_type: 'bearer', user: { role: 'recruiter' } });
    const me = await t.http.get('/api/auth/me', { token: callback.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      email: account.email,
      role: 'recruiter',
      email_verified: true,
    });
  });

  it('updates the role at the next sign-in, and takes it away when the group is gone', async () => {
    const account = person({ groups: ['hr-admins'] });
    const first = await t.http.get('/api/auth/oidc/callback', { query: await authorize(account) });
    expect(first.body.user.role).toBe('admin');
    const second = await t.http.get('/api/auth/oidc/callback', {
      query: await authorize({ ...account, groups: [] }),
    });
    expect(second.status).toBe(200);
    expect(second.body.user.role).toBe('candidate');
    expect(second.body.user.id).toBe(first.body.user.id);
    // The admin token from the first sign-in no longer carries admin rights.
    const old = await t.http.get('/api/admin/users', { token: first.body.access_token });
    expect([401, 403]).toContain(old.status);
  });

  it('refuses a replayed state', async () => {
    const query = await authorize(person());
    expect((await t.http.get('/api/auth/oidc/callback', { query })).status).toBe(200);
    const replay = await t.http.get('/api/auth/oidc/callback', { query });
    expect(replay.status).toBe(400);
    expect(replay.body.code).toBe('SSO_STATE_INVALID');
  });

  it('refuses an e-mail the provider has not verified', async () => {
    const account = person({ email_verified: false });
    const res = await t.http.get('/api/auth/oidc/callback', { query: await authorize(account) });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('SSO_EMAIL_UNVERIFIED');
  });

  it('refuses an ID token issued for another audience', async () => {
    const query = await authorize(person());
    idp.tamperAudience = 'some-other-client';
    const res = await t.http.get('/api/auth/oidc/callback', { query });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SSO_FAILED');
    expect(idp.tamperAudience).toBeNull();
  });

  it('follows a rotated signing key: the next sign-in fetches the new JWKS of the provider', async () => {
    const before = idp.currentKid;
    await idp.rotate();
    expect(idp.currentKid).not.toBe(before);
    // The client refetches the JWKS on an unknown key id once its copy is a minute old; a copy
    // fetched moments ago (by the tests above) makes this first sign-in fail and be retried.
    const first = await t.http.get('/api/auth/oidc/callback', { query: await authorize(person()) });
    expect([200, 401]).toContain(first.status);
    const res = await t.http.get('/api/auth/oidc/callback', { query: await authorize(person()) });
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe('recruiter');
  });

  it('with OIDC_ONLY_STAFF, staff cannot sign in with a password; candidates still can', async () => {
    const res = await t.http.post('/api/auth/login', {
      username: 'admin@panelist.test',
      password: 'admin-password-for-tests',
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('SSO_REQUIRED');
    const candidate = await signupCandidate(t.http);
    const login = await t.http.post('/api/auth/login', {
      username: candidate.username,
      password: candidate.password,
    });
    expect(login.status).toBe(200);
    await expect(loginAdmin(t.http)).rejects.toThrow(/403/);
  });
});
