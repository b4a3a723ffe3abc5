import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';
import { RateLimitTracker } from './rate-limit-tracker';

export const RATE_LIMIT_NAME = 'default';
export const RATE_LIMIT_WINDOW_MS = 60_000;

// @nestjs/throttler's guard, answering the contract's header names (API.md, Integrations):
// RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (seconds), and Retry-After on a 429.
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override headerPrefix = 'RateLimit';
}

// The same headers on answers that never reach the guard (an unknown route, a malformed URL, a
// worker process, the docs pages), read from the counts without charging a hit.
@Injectable()
export class RateLimitHeaders {
  constructor(
    private readonly storage: PostgresThrottlerStorage,
    private readonly tracker: RateLimitTracker,
  ) {}

  fillIn(request: FastifyRequest, reply: FastifyReply, limit: number): void {
    if (reply.hasHeader('RateLimit-Limit')) {
      return;
    }
    const { totalHits, secondsLeft } = this.storage.peek(
      this.tracker.settledTrackerFor(request),
      RATE_LIMIT_WINDOW_MS,
      RATE_LIMIT_NAME,
    );
    void reply
      .header('RateLimit-Limit', limit)
      .header('RateLimit-Remaining', Math.max(0, limit - totalHits))
      .header('RateLimit-Reset', secondsLeft);
  }
}
