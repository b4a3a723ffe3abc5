import { Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { isApiKey } from '../common/auth/api-scopes';
import { RateLimitIdentity } from './rate-limit-identity';

const ADDRESS_CACHE_SIZE = 10_000;
const BEARER = /^Bearer\s+([A-Za-z0-9\-_.=]+)$/i;

// Whom a request counts against: the key for a valid API key, the account for a valid access
// token (per account, so colleagues behind one NAT do not share a budget), otherwise the client
// address (IPv6 per /64). The throttler runs before the JWT guard, so the credential is checked
// here (the identity provider verifies a token once per request); a missing, malformed or forged
// one counts against the address. The storage turns the result into a keyed digest before
// anything is written.
@Injectable()
export class RateLimitTracker {
  // An API key is looked up asynchronously; the answer is kept for the headers of the same reply.
  private readonly settled = new WeakMap<FastifyRequest, string>();
  // Client address -> tracker: parsing and normalising an address was a fifth of the rate
  // limit's cost per request, and a client sends many requests from one address. One string per
  // address also lets the storage's map find it by its cached hash.
  private readonly byAddress = new Map<string, string>();

  constructor(private readonly identity: RateLimitIdentity) {}

  trackerFor(request: FastifyRequest): string | Promise<string> {
    const known = this.settled.get(request);
    if (known) {
      return known;
    }
    const token = this.bearerOf(request);
    if (token && isApiKey(token)) {
      const byAddress = this.addressOf(request);
      return this.identity.apiKeyOf(token).then(
        (keyId) => {
          const tracker = keyId ? `apikey:${keyId}` : byAddress;
          this.settled.set(request, tracker);
          return tracker;
        },
        () => byAddress,
      );
    }
    return this.accountOrAddress(request, token);
  }

  // For the headers: what the limit counted this request against, without waiting.
  settledTrackerFor(request: FastifyRequest): string {
    const known = this.settled.get(request);
    if (known) {
      return known;
    }
    const token = this.bearerOf(request);
    return token && isApiKey(token)
      ? this.addressOf(request)
      : this.accountOrAddress(request, token);
  }

  private accountOrAddress(request: FastifyRequest, token: string | undefined): string {
    const account = token ? this.identity.accountOf(request, token) : undefined;
    return account ? `account:${account}` : this.addressOf(request);
  }

  private bearerOf(request: FastifyRequest): string | undefined {
    const header = request.headers.authorization;
    return typeof header === 'string' ? BEARER.exec(header.trim())?.[1] : undefined;
  }

  private addressOf(request: FastifyRequest): string {
    const ip = request.ip;
    let tracker = this.byAddress.get(ip);
    if (tracker === undefined) {
      if (this.byAddress.size >= ADDRESS_CACHE_SIZE) {
        this.byAddress.clear();
      }
      tracker = `ip:${normalizeIp(ip)}`;
      this.byAddress.set(ip, tracker);
    }
    return tracker;
  }
}
