import { Inject, Injectable } from '@nestjs/common';
import { API_KEY_CALLERS, isApiKey } from '../auth/api-scopes';
import type { ApiKeyCallers } from '../auth/api-scopes';
import { normalizeIp } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { TokenService } from '../../auth/token.service';

const BEARER = /^Bearer\s+([A-Za-z0-9\-_.=]+)$/i;

// Whom a request counts against: the key for a valid API key (each integration its own budget),
// the account for a validly signed access token (per account, so
// colleagues behind one NAT do not share a budget), otherwise the client address (IPv6 per /64).
// The throttler runs before the JWT guard, so the token is verified here (once per request, see
// TokenService.verifyAccessOnce); a missing, malformed or forged token counts against the address.
// The storage turns the result into a keyed digest before anything is written.
@Injectable()
export class RateLimitTracker {
  constructor(
    private readonly tokens: TokenService,
    @Inject(API_KEY_CALLERS) private readonly apiKeys: ApiKeyCallers,
  ) {}

  trackerFor(request: FastifyRequest): string | Promise<string> {
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header.trim())?.[1] : undefined;
    if (token && isApiKey(token)) {
      return this.apiKeys.authenticate(token).then(
        (caller) => `apikey:${caller.id}`,
        () => `ip:${normalizeIp(request.ip)}`,
      );
    }
    if (token) {
      try {
        return `account:${this.tokens.verifyAccessOnce(request, token).sub}`;
      } catch {
        // Not a valid access token: fall back to the address; the JWT guard answers 401 next.
      }
    }
    return `ip:${normalizeIp(request.ip)}`;
  }
}
