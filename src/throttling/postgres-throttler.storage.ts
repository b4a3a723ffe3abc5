import { Logger, OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitBucketsRepository } from './rate-limit-buckets.repository';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

export interface RateLimitStorageOptions {
  // Local hits are written to PostgreSQL at least this often (one statement for every key).
  flushIntervalMs: number;
  // A key flushes at once when its unflushed hits reach this share of its limit, and admits no
  // more until that flush answers: the cap on what one instance admits unseen by the others.
  flushFraction: number;
  // How long a request waits for that flush before deciding locally (a slow or absent database
  // must not stall the API: the limiter fails open).
  maxFlushWaitMs: number;
  // Expired windows are deleted this often, this long after they end (clock skew between hosts).
  purgeIntervalMs: number;
  purgeGraceMs: number;
  now: () => number;
}

const DEFAULTS: RateLimitStorageOptions = {
  flushIntervalMs: 250,
  flushFraction: 0.1,
  maxFlushWaitMs: 500,
  purgeIntervalMs: 60_000,
  purgeGraceMs: 60_000,
  now: () => Date.now(),
};

interface Bucket {
  storageKey: string;
  ttl: number;
  windowStart: number;
  // The window's global count as PostgreSQL last returned it (every instance's flushed hits).
  known: number;
  // Hits admitted here and not yet sent, and hits sent in the flush that has not answered yet.
  pending: number;
  inFlight: number;
}

interface SentHits {
  bucket: Bucket;
  windowStart: number;
  hits: number;
}

// A fixed-window rate limit shared by every instance through PostgreSQL without a database round
// trip per request; how over-admission is bounded and how it fails open: README.md.
export class PostgresThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly options: RateLimitStorageOptions;
  private readonly buckets = new Map<string, Bucket>();
  private readonly dirty = new Set<Bucket>();
  private flushTimer: NodeJS.Timeout | null = null;
  private purgeTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private queuedFlush: Promise<void> | null = null;
  private degraded = false;
  private stopped = false;
  private longestTtl = 0;

  constructor(
    private readonly windows: RateLimitBucketsRepository,
    private readonly hashKey: (key: string) => string,
    options: Partial<RateLimitStorageOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  // True while the database is unreachable or slow and decisions are local only.
  get isDegraded(): boolean {
    return this.degraded;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const mapKey = `${throttlerName}:${ttl}:${key}`;
    const threshold = this.thresholdOf(limit);
    let bucket = this.bucketFor(mapKey, ttl);
    while (this.mustWait(bucket, threshold, limit)) {
      await this.waitForFlush(bucket);
      bucket = this.bucketFor(mapKey, ttl);
    }
    return this.count(bucket, ttl, limit, threshold);
  }

  // `increment` decided without waiting: null when the key has to wait for a flush first (then
  // call increment). Most hits are decided here, so the rate-limit guard needs no promise for them.
  incrementNow(
    key: string,
    ttl: number,
    limit: number,
    throttlerName: string,
  ): ThrottlerStorageRecord | null {
    const threshold = this.thresholdOf(limit);
    const bucket = this.bucketFor(`${throttlerName}:${ttl}:${key}`, ttl);
    return this.mustWait(bucket, threshold, limit)
      ? null
      : this.count(bucket, ttl, limit, threshold);
  }

  private thresholdOf(limit: number): number {
    return Math.max(1, Math.floor(limit * this.options.flushFraction));
  }

  // Under the limit with this instance's unflushed share at the threshold: admit no more unseen.
  private mustWait(bucket: Bucket, threshold: number, limit: number): boolean {
    return (
      !this.degraded &&
      !this.stopped &&
      bucket.pending + bucket.inFlight >= threshold &&
      bucket.known + bucket.pending + bucket.inFlight < limit
    );
  }

  private count(
    bucket: Bucket,
    ttl: number,
    limit: number,
    threshold: number,
  ): ThrottlerStorageRecord {
    const now = this.options.now();
    const secondsLeft = Math.max(1, Math.ceil((bucket.windowStart + ttl - now) / 1000));
    const total = bucket.known + bucket.pending + bucket.inFlight;
    if (total >= limit) {
      return {
        totalHits: total + 1,
        timeToExpire: secondsLeft,
        isBlocked: true,
        timeToBlockExpire: secondsLeft,
      };
    }
    bucket.pending += 1;
    this.dirty.add(bucket);
    // While degraded only the timer retries, so an outage costs no connection attempt per request.
    if (!this.degraded && bucket.pending + bucket.inFlight >= threshold) {
      void this.flush();
    } else {
      this.scheduleFlush();
    }
    return {
      totalHits: total + 1,
      timeToExpire: secondsLeft,
      isBlocked: false,
      timeToBlockExpire: 0,
    };
  }

  // What `increment` would report, without counting a hit: for the RateLimit-* headers of an
  // answer that never reached the rate-limit guard (an unknown route, an early error).
  peek(
    key: string,
    ttl: number,
    throttlerName: string,
  ): { totalHits: number; secondsLeft: number } {
    const now = this.options.now();
    const windowStart = now - (now % ttl);
    const bucket = this.buckets.get(`${throttlerName}:${ttl}:${key}`);
    const current = bucket && bucket.windowStart === windowStart;
    return {
      totalHits: current ? bucket.known + bucket.pending + bucket.inFlight : 0,
      secondsLeft: Math.max(1, Math.ceil((windowStart + ttl - now) / 1000)),
    };
  }

  // Sends every key's unflushed hits in one statement; concurrent callers share the flush in
  // progress or the single one queued behind it. Never rejects.
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.writeHits().finally(() => {
        this.flushing = null;
      });
      return this.flushing;
    }
    if (!this.queuedFlush) {
      this.queuedFlush = this.flushing.then(() => {
        this.queuedFlush = null;
        return this.flush();
      });
    }
    return this.queuedFlush;
  }

  // Deletes windows that ended more than `purgeGraceMs` ago, here and in PostgreSQL.
  async purgeExpired(): Promise<number> {
    const now = this.options.now();
    for (const [mapKey, bucket] of this.buckets) {
      if (bucket.windowStart + bucket.ttl <= now && bucket.inFlight === 0) {
        this.buckets.delete(mapKey);
        this.dirty.delete(bucket);
      }
    }
    if (this.longestTtl === 0) {
      return 0;
    }
    try {
      return await this.windows.deleteWindowsStartedBefore(
        new Date(now - this.longestTtl - this.options.purgeGraceMs),
      );
    } catch (error) {
      this.logger.warn(`Could not purge expired rate-limit windows: ${(error as Error).message}`);
      return 0;
    }
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    if (this.purgeTimer) {
      clearInterval(this.purgeTimer);
      this.purgeTimer = null;
    }
  }

  private bucketFor(mapKey: string, ttl: number): Bucket {
    const now = this.options.now();
    const windowStart = now - (now % ttl);
    let bucket = this.buckets.get(mapKey);
    if (!bucket) {
      bucket = {
        storageKey: this.hashKey(mapKey),
        ttl,
        windowStart,
        known: 0,
        pending: 0,
        inFlight: 0,
      };
      this.buckets.set(mapKey, bucket);
      this.startPurging(ttl);
    } else if (bucket.windowStart !== windowStart) {
      // A new window: hits of the old one no longer matter to anyone and are dropped.
      bucket.windowStart = windowStart;
      bucket.known = 0;
      bucket.pending = 0;
      bucket.inFlight = 0;
    }
    return bucket;
  }

  // Hits already in the flush in progress only need that one; newer hits need the next.
  private async waitForFlush(bucket: Bucket): Promise<void> {
    const flushed = bucket.pending === 0 && this.flushing ? this.flushing : this.flush();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), this.options.maxFlushWaitMs);
    });
    const late = await Promise.race([flushed.then(() => false), timedOut]);
    clearTimeout(timer);
    if (late && !this.degraded) {
      this.degraded = true;
      this.logger.warn(
        `The rate-limit store did not answer within ${this.options.maxFlushWaitMs} ms; deciding from local counts until it does`,
      );
    }
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.stopped) {
      return;
    }
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, this.options.flushIntervalMs);
    this.flushTimer.unref();
  }

  private startPurging(ttl: number): void {
    this.longestTtl = Math.max(this.longestTtl, ttl);
    if (this.purgeTimer || this.stopped) {
      return;
    }
    this.purgeTimer = setInterval(() => void this.purgeExpired(), this.options.purgeIntervalMs);
    this.purgeTimer.unref();
  }

  private async writeHits(): Promise<void> {
    const now = this.options.now();
    const sent: SentHits[] = [];
    for (const bucket of this.dirty) {
      if (bucket.pending > 0 && bucket.windowStart + bucket.ttl > now) {
        sent.push({ bucket, windowStart: bucket.windowStart, hits: bucket.pending });
        bucket.inFlight += bucket.pending;
      }
      bucket.pending = 0;
    }
    this.dirty.clear();
    if (sent.length === 0) {
      return;
    }
    try {
      const rows = await this.windows.addHits(
        sent.map((s) => ({
          storageKey: s.bucket.storageKey,
          windowStart: s.windowStart,
          hits: s.hits,
        })),
      );
      const counts = new Map(rows.map((row) => [row.key, row.hits]));
      for (const { bucket, windowStart, hits } of sent) {
        if (bucket.windowStart === windowStart) {
          bucket.inFlight -= hits;
          bucket.known = Math.max(bucket.known, counts.get(bucket.storageKey) ?? 0);
        }
      }
      if (this.degraded) {
        this.degraded = false;
        this.logger.log('The rate-limit store answers again; limits are shared across instances');
      }
    } catch (error) {
      for (const { bucket, windowStart, hits } of sent) {
        if (bucket.windowStart === windowStart) {
          bucket.inFlight -= hits;
          bucket.pending += hits;
          this.dirty.add(bucket);
        }
      }
      if (!this.degraded) {
        this.degraded = true;
        this.logger.warn(
          `The rate-limit store is unreachable (${(error as Error).message}); counting locally until it answers`,
        );
      }
    }
    if (this.dirty.size > 0) {
      this.scheduleFlush();
    }
  }
}
