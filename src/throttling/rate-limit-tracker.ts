import { Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { RateLimitIdentity } from './rate-limit-identity';

const BEARER = /^Bearer\s+([A-Za-z0-9\-_.=]+)$/i;

// Whom a request counts against: the account for a valid bearer credential (per account, so
// colleagues behind one NAT do not share a budget), otherwise the client address (IPv6 per /64).
// The throttler runs before the JWT guard, so the credential is checked here (the identity
// provider verifies a token once per request); a missing, malformed or forged one counts against
// the address. The storage turns the result into a keyed digest before anything is written.
@Injectable()
export class RateLimitTracker {
  constructor(private readonly identity: RateLimitIdentity) {}

  trackerFor(request: FastifyRequest): string {
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header.trim())?.[1] : undefined;
    const account = token ? this.identity.accountOf(request, token) : undefined;
    return account ? `account:${account}` : `ip:${normalizeIp(request.ip)}`;
  }
}
