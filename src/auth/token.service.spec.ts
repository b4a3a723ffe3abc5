import { Role } from '../common/auth/role';
import type { AuthSettings } from '../config/app-config';
import { TokenService } from './token.service';

const settings: AuthSettings = {
  jwtSecret: 'a-test-secret-of-enough-length-for-hs256-0123456789',
  accessTtlSeconds: 900,
  refreshTtlSeconds: 86_400,
  issuer: 'panelist-test',
  audience: 'panelist-test-api',
  adminEmail: null,
  adminPassword: null,
  stateCacheTtlMs: 0,
  oidc: null,
};

const claims = { sub: 'user-1', role: Role.Recruiter, tv: 1, sid: 'session-1' };

describe(TokenService.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it('answers a token verified before from memory, until it expires', () => {
    const tokens = new TokenService(settings);
    const token = tokens.signAccess(claims);
    const first = tokens.verifyAccess(token);
    expect(first).toMatchObject({ ...claims, typ: 'access' });
    // The very object of the first check: no second signature check.
    expect(tokens.verifyAccess(token)).toBe(first);

    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + (settings.accessTtlSeconds + 1) * 1000);
    expect(() => tokens.verifyAccess(token)).toThrow(
      expect.objectContaining({ code: 'TOKEN_EXPIRED' }),
    );
  });

  it('refuses a token with a changed signature, a foreign key or another audience', () => {
    const tokens = new TokenService(settings);
    const token = tokens.signAccess(claims);
    tokens.verifyAccess(token);
    const [header, payload, signature] = token.split('.');
    const flipped = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(() => tokens.verifyAccess(flipped)).toThrow(
      expect.objectContaining({ code: 'TOKEN_INVALID' }),
    );
    const foreign = new TokenService({ ...settings, jwtSecret: `${settings.jwtSecret}-other` });
    expect(() => tokens.verifyAccess(foreign.signAccess(claims))).toThrow(
      expect.objectContaining({ code: 'TOKEN_INVALID' }),
    );
    const elsewhere = new TokenService({ ...settings, audience: 'another-api' });
    expect(() => tokens.verifyAccess(elsewhere.signAccess(claims))).toThrow(
      expect.objectContaining({ code: 'TOKEN_INVALID' }),
    );
  });
});
