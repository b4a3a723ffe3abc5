import { jwt } from './support/jwt-forge';
import { generateKeyPairSync } from 'node:crypto';
import {
  createStaff,
  login,
  loginAdmin,
  signupCandidate,
  SignedIn,
  unique,
} from './support/factories';
import { createTestApp, TEST_SECRETS, TestApp } from './support/test-app';

describe('Auth (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t.http);
  });

  afterAll(() => t.close());

  describe('signup', () => {
    it('creates a candidate and returns tokens', async () => {
      const username = unique('ada_');
      const res = await t.http.post('/api/auth/signup', {
        username,
        email: `${username}@Example.com`,
        password: 'correct horse battery',
        full_name: 'Ada Lovelace',
        phone: '+44 20 7946 0001',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        token_type: 'bearer',
        expires_in: expect.any(Number),
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        user: {
          username,
          email: `${username}@example.com`,
          role: 'candidate',
          full_name: 'Ada Lovelace',
          is_active: true,
        },
      });
      expect(res.body.user).not.toHaveProperty('password_hash');
    });

    it('refuses a body asking for a staff role with 403', async () => {
      const username = unique('sneaky_');
      const res = await t.http.post('/api/auth/signup', {
        username,
        email: `${username}@example.com`,
        password: 'correct horse battery',
        role: 'admin',
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    });

    it('answers 409 for a duplicate username and for a differently-cased duplicate e-mail', async () => {
      const first = await signupCandidate(t.http);
      const sameName = await t.http.post('/api/auth/signup', {
        username: first.username,
        email: `${unique('x')}@example.com`,
        password: 'correct horse battery',
      });
      expect(sameName.status).toBe(409);
      const sameEmail = await t.http.post('/api/auth/signup', {
        username: unique('other_'),
        email: `  ${first.email.toUpperCase()} `.trim(),
        password: 'correct horse battery',
      });
      expect(sameEmail.status).toBe(409);
    });

    it('rejects short, overlong and common passwords with field errors', async () => {
      const base = { username: unique('pw_'), email: `${unique('pw')}@example.com` };
      for (const password of ['short', 'x'.repeat(129), 'Password123']) {
        const res = await t.http.post('/api/auth/signup', { ...base, password });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
        );
      }
    });

    it('rejects unknown fields with 400', async () => {
      const res = await t.http.post('/api/auth/signup', {
        username: unique('u_'),
        email: `${unique('u')}@example.com`,
        password: 'correct horse battery',
        is_admin: true,
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'is_admin' })]);
    });

    it('stores no plaintext e-mail, name or phone in any text column', async () => {
      const username = unique('secret_');
      const email = `${username}@privacy.example`;
      await t.http.post('/api/auth/signup', {
        username,
        email,
        password: 'correct horse battery',
        full_name: 'Zebulon Quixotic',
        phone: '+1 555 0199 777',
      });
      const columns = await t.dataSource.query<{ table_name: string; column_name: string }[]>(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb')`,
      );
      for (const { table_name, column_name } of columns) {
        const hits = await t.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM "${table_name}"
            WHERE "${column_name}"::text ILIKE $1 OR "${column_name}"::text ILIKE $2 OR "${column_name}"::text ILIKE $3`,
          [`%${email}%`, '%Quixotic%', '%0199 777%'],
        );
        expect({ table_name, column_name, n: hits[0].n }).toEqual({
          table_name,
          column_name,
          n: 0,
        });
      }
    });
  });

  describe('login', () => {
    it('accepts JSON by username or e-mail and form-encoded bodies', async () => {
      const user = await signupCandidate(t.http);
      expect(
        (await t.http.post('/api/auth/login', { username: user.username, password: user.password }))
          .status,
      ).toBe(200);
      expect(
        (
          await t.http.post('/api/auth/login', {
            email: user.email.toUpperCase(),
            password: user.password,
          })
        ).status,
      ).toBe(200);
      const form = await t.http.post('/api/auth/login', undefined, {
        form: { username: user.email, password: user.password, grant_type: 'password' },
      });
      expect(form.status).toBe(200);
      expect(form.body.token_type).toBe('bearer');
    });

    it('answers unknown user and wrong password identically', async () => {
      const user = await signupCandidate(t.http);
      const wrong = await t.http.post('/api/auth/login', {
        username: user.username,
        password: 'not-the-password',
      });
      const unknown = await t.http.post('/api/auth/login', {
        username: unique('ghost_'),
        password: 'not-the-password',
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.detail).toBe(unknown.body.detail);
      expect(wrong.body.title).toBe(unknown.body.title);
    });

    it('throttles repeated failures for one account with 429 and Retry-After', async () => {
      const user = await signupCandidate(t.http);
      let last = 0;
      let retryAfter: string | null = null;
      for (let i = 0; i < 12; i++) {
        const res = await t.http.post('/api/auth/login', {
          username: user.username,
          password: `wrong-${i}-password`,
        });
        last = res.status;
        retryAfter = res.headers.get('retry-after');
      }
      expect(last).toBe(429);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      // Even the right password is refused while the account is throttled.
      const right = await t.http.post('/api/auth/login', {
        username: user.username,
        password: user.password,
      });
      expect(right.status).toBe(429);
    });
  });

  describe('tokens', () => {
    it('returns the current user from /me', async () => {
      const user = await signupCandidate(t.http);
      const me = await t.http.get('/api/auth/me', { token: user.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        id: user.id,
        username: user.username,
        email: user.email,
        full_name: 'Casey Candidate',
        role: 'candidate',
        company: null,
        is_active: true,
        email_verified: false,
        created_at: expect.any(String),
      });
    });

    it('rotates refresh tokens and revokes the family when a rotated token is replayed', async () => {
      const user = await signupCandidate(t.http);
      const first = await t.http.post('/api/auth/refresh', { refresh_token: user.refreshToken });
      expect(first.status).toBe(200);
      expect(first.body.refresh_token).not.toBe(user.refreshToken);
      expect(first.body.access_token).toEqual(expect.any(String));

      const replay = await t.http.post('/api/auth/refresh', { refresh_token: user.refreshToken });
      expect(replay.status).toBe(401);
      // The legitimate successor is dead too, and so is the access token of that session.
      expect(
        (await t.http.post('/api/auth/refresh', { refresh_token: first.body.refresh_token }))
          .status,
      ).toBe(401);
      expect((await t.http.get('/api/auth/me', { token: first.body.access_token })).status).toBe(
        401,
      );
      const audit = await t.http.get('/api/gdpr/audit', {
        token: admin.accessToken,
        query: { action: 'auth.refresh_reuse_detected' },
      });
      expect(audit.body.items.some((e: { actor_id: string }) => e.actor_id === user.id)).toBe(true);
    });

    it('logs out: the refresh token and the session access token stop working', async () => {
      const user = await signupCandidate(t.http);
      const res = await t.http.post(
        '/api/auth/logout',
        { refresh_token: user.refreshToken },
        { token: user.accessToken },
      );
      expect(res.status).toBe(204);
      expect(
        (await t.http.post('/api/auth/refresh', { refresh_token: user.refreshToken })).status,
      ).toBe(401);
      expect((await t.http.get('/api/auth/me', { token: user.accessToken })).status).toBe(401);
    });

    it('refuses forged, tampered, expired and wrong-type tokens with 401', async () => {
      const user = await signupCandidate(t.http);
      const [header, payload] = user.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
        JSON.stringify({ ...claims, role: 'admin' }),
      ).toString('base64url')}.`;
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${user.accessToken.split('.')[2]}`;
      const now = Math.floor(Date.now() / 1000);
      const expired = jwt.sign(
        { ...claims, iat: now - 120, exp: now - 60 },
        TEST_SECRETS.JWT_SECRET,
        {
          algorithm: 'HS256',
        },
      );
      // Control: the same claims, correctly signed and current, are accepted.
      const genuine = jwt.sign({ ...claims, iat: now, exp: now + 60 }, TEST_SECRETS.JWT_SECRET, {
        algorithm: 'HS256',
      });
      expect((await t.http.get('/api/auth/me', { token: genuine })).status).toBe(200);
      const wrongAudience = jwt.sign({ ...claims, aud: 'someone-else' }, TEST_SECRETS.JWT_SECRET, {
        algorithm: 'HS256',
      });
      const wrongKey = jwt.sign(claims, 'another-secret-another-secret-another-secret', {
        algorithm: 'HS256',
      });
      const wrongIssuer = jwt.sign({ ...claims, iss: 'someone-else' }, TEST_SECRETS.JWT_SECRET, {
        algorithm: 'HS256',
      });
      // Algorithm confusion: an RS256 token (valid under its own key pair) must not be accepted,
      // and neither must an HS384 token under our own secret.
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const rs256 = jwt.sign(claims, privateKey, { algorithm: 'RS256' });
      const hs384 = jwt.sign(claims, TEST_SECRETS.JWT_SECRET, { algorithm: 'HS384' });
      for (const token of [
        none,
        tampered,
        expired,
        wrongAudience,
        wrongIssuer,
        wrongKey,
        rs256,
        hs384,
        user.refreshToken,
        'garbage',
      ]) {
        const res = await t.http.get('/api/auth/me', { token });
        expect(res.status).toBe(401);
        expect(res.text).not.toMatch(/at .*\.js|stack/i);
      }
    });
  });

  describe('password change', () => {
    it('revokes every earlier access and refresh token', async () => {
      const user = await signupCandidate(t.http);
      const second = await login(t.http, user.username, user.password);
      const res = await t.http.post(
        '/api/auth/change-password',
        { current_password: user.password, new_password: 'saffron-glacier-violin-11' },
        { token: user.accessToken },
      );
      expect(res.status).toBe(204);
      for (const token of [user.accessToken, second.accessToken]) {
        expect((await t.http.get('/api/auth/me', { token })).status).toBe(401);
      }
      expect(
        (await t.http.post('/api/auth/refresh', { refresh_token: second.refreshToken })).status,
      ).toBe(401);
      expect(
        (await t.http.post('/api/auth/login', { username: user.username, password: user.password }))
          .status,
      ).toBe(401);
      await login(t.http, user.username, 'saffron-glacier-violin-11');
    });

    it('requires the correct current password', async () => {
      const user = await signupCandidate(t.http);
      const res = await t.http.post(
        '/api/auth/change-password',
        { current_password: 'not-it-at-all', new_password: 'saffron-glacier-violin-11' },
        { token: user.accessToken },
      );
      expect(res.status).toBe(400);
    });
  });

  describe('admin user management', () => {
    it('creates staff, lists with filters, and is admin-only', async () => {
      const recruiter = await createStaff(t.http, admin, 'recruiter');
      const list = await t.http.get('/api/admin/users', {
        token: admin.accessToken,
        query: { role: 'recruiter' },
      });
      expect(list.status).toBe(200);
      expect(list.body.items.every((u: { role: string }) => u.role === 'recruiter')).toBe(true);
      expect(list.body.items.map((u: { id: string }) => u.id)).toContain(recruiter.id);
      const byEmail = await t.http.get('/api/admin/users', {
        token: admin.accessToken,
        query: { q: recruiter.email },
      });
      expect(byEmail.body.items.map((u: { id: string }) => u.id)).toEqual([recruiter.id]);
      expect((await t.http.get('/api/admin/users', { token: recruiter.accessToken })).status).toBe(
        403,
      );
    });

    it("deactivation kills the user's existing tokens at once (401)", async () => {
      const user = await signupCandidate(t.http);
      const res = await t.http.patch(
        `/api/admin/users/${user.id}`,
        { is_active: false },
        { token: admin.accessToken },
      );
      expect(res.status).toBe(200);
      expect(res.body.is_active).toBe(false);
      expect((await t.http.get('/api/auth/me', { token: user.accessToken })).status).toBe(401);
      expect(
        (await t.http.post('/api/auth/refresh', { refresh_token: user.refreshToken })).status,
      ).toBe(401);
      expect(
        (await t.http.post('/api/auth/login', { username: user.username, password: user.password }))
          .status,
      ).toBe(401);
    });

    it("a demoted recruiter's old token is refused on staff routes (403)", async () => {
      const recruiter = await createStaff(t.http, admin, 'recruiter');
      expect((await t.http.get('/api/auth/me', { token: recruiter.accessToken })).status).toBe(200);
      const res = await t.http.patch(
        `/api/admin/users/${recruiter.id}`,
        { role: 'candidate' },
        { token: admin.accessToken },
      );
      expect(res.status).toBe(200);
      const old = await t.http.get('/api/gdpr/audit', { token: recruiter.accessToken });
      expect(old.status).toBe(403);
      expect(
        (await t.http.post('/api/auth/refresh', { refresh_token: recruiter.refreshToken })).status,
      ).toBe(401);
    });

    it('validates the patch body and the path id', async () => {
      expect(
        (
          await t.http.patch(
            '/api/admin/users/not-a-uuid',
            { is_active: false },
            { token: admin.accessToken },
          )
        ).status,
      ).toBe(400);
      expect(
        (
          await t.http.patch(
            '/api/admin/users/00000000-0000-4000-8000-000000000000',
            { role: 'wizard' },
            { token: admin.accessToken },
          )
        ).status,
      ).toBe(400);
      expect(
        (
          await t.http.patch(
            '/api/admin/users/00000000-0000-4000-8000-000000000000',
            { is_active: true },
            { token: admin.accessToken },
          )
        ).status,
      ).toBe(404);
    });
  });
});
