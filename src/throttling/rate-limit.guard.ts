import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerRequest } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';
import { RateLimitTracker } from './rate-limit-tracker';

export const RATE_LIMIT_NAME = 'default';
export const RATE_LIMIT_WINDOW_MS = 60_000;

// The metadata keys @nestjs/throttler's route decorators (@Throttle, @SkipThrottle...) write.
const THROTTLER_METADATA_PREFIX = 'THROTTLER:';

type Plan = Omit<ThrottlerRequest, 'context'>[];
const ADMITTED = Promise.resolve(true);

// @nestjs/throttler's guard, answering the contract's header names (API.md, Integrations):
// RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (seconds), and Retry-After on a 429.
//
// The library's canActivate reads five route metadata keys and resolves four values per
// throttler on every request, through a chain of promises (~7% of a health check's CPU,
// bench/RESULTS.md session 3). A route without any throttler decorator, under module options
// that are plain values, always gets the same limits, so they are worked out once and a request
// only counts its hit: synchronously when the tracker and the count are known at once, otherwise
// (an API key being looked up, a count waiting for a flush, a 429) through the library's
// handleRequest. Anything else takes the library's full path.
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override headerPrefix = 'RateLimit';
  private modulePlan: Plan | null = null;
  private readonly plainRoutes = new WeakMap<object, Map<object, boolean>>();

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    const common = this.commonOptions;
    const fixed = this.throttlers.every(
      (t) =>
        !t.skipIf &&
        !t.ignoreUserAgents &&
        t.setHeaders !== false &&
        typeof t.limit === 'number' &&
        typeof t.ttl === 'number' &&
        (t.blockDuration === undefined || typeof t.blockDuration === 'number'),
    );
    this.modulePlan =
      fixed && !common.skipIf && !common.ignoreUserAgents && common.setHeaders !== false
        ? this.throttlers.map((throttler) => ({
            throttler,
            limit: throttler.limit as number,
            ttl: throttler.ttl as number,
            blockDuration:
              (throttler.blockDuration as number | undefined) ?? (throttler.ttl as number),
            getTracker: throttler.getTracker ?? common.getTracker!,
            generateKey: throttler.generateKey ?? common.generateKey!,
          }))
        : null;
  }

  // The library's signature is a promise: an admitted hit answers one settled in advance.
  override canActivate(context: ExecutionContext): Promise<boolean> {
    const plan = this.modulePlan;
    if (!plan || !this.isPlainRoute(context)) {
      return super.canActivate(context);
    }
    for (let i = 0; i < plan.length; i++) {
      if (!this.admittedNow(context, plan[i])) {
        return this.countTheRest(context, plan, i);
      }
    }
    return ADMITTED;
  }

  // One throttler's hit decided without a promise: a tracker known at once (a token or an
  // address, not an API key still being looked up) and a count the storage can give without
  // waiting for a flush. Then the library's headers are set and true returned; false leaves the
  // hit uncounted, for handleRequest (which also answers 429).
  private admittedNow(context: ExecutionContext, step: Plan[number]): boolean {
    if (!(this.storageService instanceof PostgresThrottlerStorage)) {
      return false;
    }
    const { req, res } = this.getRequestResponse(context);
    const tracker = step.getTracker(req, context);
    if (typeof tracker !== 'string') {
      return false;
    }
    const name = step.throttler.name!;
    const record = this.storageService.incrementNow(
      step.generateKey(context, tracker, name),
      step.ttl,
      step.limit,
      name,
    );
    if (!record || record.isBlocked) {
      return false;
    }
    const suffix = name === 'default' ? '' : `-${name}`;
    this.setResponseHeader(res, `${this.headerPrefix}-Limit${suffix}`, step.limit);
    this.setResponseHeader(
      res,
      `${this.headerPrefix}-Remaining${suffix}`,
      Math.max(0, step.limit - record.totalHits),
    );
    this.setResponseHeader(res, `${this.headerPrefix}-Reset${suffix}`, record.timeToExpire);
    return true;
  }

  private async countTheRest(
    context: ExecutionContext,
    plan: Plan,
    from: number,
  ): Promise<boolean> {
    for (const step of plan.slice(from)) {
      await this.handleRequest({ context, ...step });
    }
    return true;
  }

  private isPlainRoute(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byHandler = this.plainRoutes.get(controller);
    if (!byHandler) {
      byHandler = new Map();
      this.plainRoutes.set(controller, byHandler);
    }
    let plain = byHandler.get(handler);
    if (plain === undefined) {
      plain = ![handler, controller].some((target) =>
        Reflect.getMetadataKeys(target).some(
          (key) => typeof key === 'string' && key.startsWith(THROTTLER_METADATA_PREFIX),
        ),
      );
      byHandler.set(handler, plain);
    }
    return plain;
  }
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
