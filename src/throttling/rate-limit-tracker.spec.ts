import type { FastifyRequest } from 'fastify';
import { RateLimitIdentity } from './rate-limit-identity';
import { RateLimitTracker } from './rate-limit-tracker';

const accountId = '6f1c2a9e-0000-4000-8000-000000000001';

// Stands for the token check the authentication module provides: one token is valid.
class OneValidToken extends RateLimitIdentity {
  accountOf(_request: FastifyRequest, bearer: string): string | undefined {
    return bearer === 'valid.token.value' ? accountId : undefined;
  }

  apiKeyOf(bearer: string): Promise<string | undefined> {
    return Promise.resolve(bearer === 'pnl_valid_key' ? 'key-1' : undefined);
  }
}

function request(ip: string, authorization?: string): FastifyRequest {
  return { ip, headers: authorization ? { authorization } : {} } as unknown as FastifyRequest;
}

describe(RateLimitTracker.name, () => {
  const tracker = new RateLimitTracker(new OneValidToken());

  it('counts an API key against the key, and an unknown key against the address', async () => {
    const keyed = request('203.0.113.5', 'Bearer pnl_valid_key');
    expect(tracker.settledTrackerFor(keyed)).toBe('ip:203.0.113.5');
    await expect(tracker.trackerFor(keyed)).resolves.toBe('apikey:key-1');
    expect(tracker.settledTrackerFor(keyed)).toBe('apikey:key-1');
    await expect(tracker.trackerFor(request('203.0.113.5', 'Bearer pnl_other'))).resolves.toBe(
      'ip:203.0.113.5',
    );
  });

  it('counts a request with a valid bearer credential against its account', () => {
    expect(tracker.trackerFor(request('203.0.113.5', 'Bearer valid.token.value'))).toBe(
      `account:${accountId}`,
    );
  });

  it('counts anonymous requests and invalid or malformed credentials against the address', () => {
    expect(tracker.trackerFor(request('203.0.113.5'))).toBe('ip:203.0.113.5');
    expect(tracker.trackerFor(request('203.0.113.5', 'Bearer forged.token.value'))).toBe(
      'ip:203.0.113.5',
    );
    expect(tracker.trackerFor(request('203.0.113.5', 'Basic abc'))).toBe('ip:203.0.113.5');
  });

  it('groups IPv6 clients by /64 and unwraps IPv4-mapped addresses', () => {
    expect(tracker.trackerFor(request('2001:db8:1:2:aaaa::1'))).toBe('ip:2001:db8:1:2::/64');
    expect(tracker.trackerFor(request('::ffff:198.51.100.4'))).toBe('ip:198.51.100.4');
  });
});
