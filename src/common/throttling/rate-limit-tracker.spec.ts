import { ConfigService } from '@nestjs/config';
import type { FastifyRequest } from 'fastify';
import type { ApiKeyCallers } from '../auth/api-scopes';
import { TokenService } from '../../auth/token.service';
import { Role } from '../auth/role';
import type { AppConfig } from '../../config/app-config';
import { RateLimitTracker } from './rate-limit-tracker';

const auth = {
  jwtSecret: 'unit-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz',
  accessTtlSeconds: 900,
  issuer: 'panelist',
  audience: 'panelist-api',
};

function tokenServiceWith(secret = auth.jwtSecret): TokenService {
  return new TokenService({
    get: () => ({ ...auth, jwtSecret: secret }),
  } as unknown as ConfigService<AppConfig, true>);
}

function request(ip: string, authorization?: string): FastifyRequest {
  return { ip, headers: authorization ? { authorization } : {} } as unknown as FastifyRequest;
}

describe(RateLimitTracker.name, () => {
  const tokens = tokenServiceWith();
  // API keys are covered end to end (test/api-keys.e2e-spec.ts); none is sent here.
  const tracker = new RateLimitTracker(tokens, null as unknown as ApiKeyCallers);
  const accountId = '6f1c2a9e-0000-4000-8000-000000000001';
  const token = tokens.signAccess({ sub: accountId, role: Role.Candidate, tv: 0, sid: accountId });

  it('counts a request with a valid access token against its account', () => {
    expect(tracker.trackerFor(request('203.0.113.5', `Bearer ${token}`))).toBe(
      `account:${accountId}`,
    );
  });

  it('counts anonymous requests and forged or malformed tokens against the address', () => {
    const forged = tokenServiceWith(
      'another-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    ).signAccess({ sub: accountId, role: Role.Admin, tv: 0, sid: accountId });
    expect(tracker.trackerFor(request('203.0.113.5'))).toBe('ip:203.0.113.5');
    expect(tracker.trackerFor(request('203.0.113.5', `Bearer ${forged}`))).toBe('ip:203.0.113.5');
    expect(tracker.trackerFor(request('203.0.113.5', 'Basic abc'))).toBe('ip:203.0.113.5');
  });

  it('groups IPv6 clients by /64 and unwraps IPv4-mapped addresses', () => {
    expect(tracker.trackerFor(request('2001:db8:1:2:aaaa::1'))).toBe('ip:2001:db8:1:2::/64');
    expect(tracker.trackerFor(request('::ffff:198.51.100.4'))).toBe('ip:198.51.100.4');
  });

  it('verifies a token once per request for the JWT guard that runs next', () => {
    const verify = jest.spyOn(tokens, 'verifyAccess');
    const req = request('203.0.113.5', `Bearer ${token}`);
    void tracker.trackerFor(req);
    expect(tokens.verifyAccessOnce(req, token).sub).toBe(accountId);
    expect(verify).toHaveBeenCalledTimes(1);
    verify.mockRestore();
  });
});
