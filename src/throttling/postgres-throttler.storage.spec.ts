import { Logger } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { RateLimitBucketsRepository } from './rate-limit-buckets.repository';
import { RateLimitBuckets1795443610016 } from '../../migrations/1795443610016-RateLimitBuckets';
import { EmbeddedDatabaseHandle, startEmbeddedPostgres } from '../database/embedded-postgres';
import { PostgresThrottlerStorage, RateLimitStorageOptions } from './postgres-throttler.storage';

const MINUTE = 60_000;
const hashKey = (key: string) =>
  createHmac('sha256', 'unit-test-key').update(key).digest('base64url').slice(0, 22);

// A real PostgreSQL: a scratch database on DATABASE_URL's server when set, else an embedded one.
interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function scratchDatabase(): Promise<ScratchDatabase> {
  const name = `rl_unit_${randomBytes(5).toString('hex')}`;
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'panelist-rl-'));
    rmSync(dir, { recursive: true, force: true });
    const embedded: EmbeddedDatabaseHandle = await startEmbeddedPostgres(dir, {
      quiet: true,
      database: name,
    });
    return {
      url: embedded.url,
      drop: async () => {
        await embedded.stop();
        rmSync(embedded.dataDir, { recursive: true, force: true });
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

// Counts the statements a storage sends, without changing what they do.
function countQueries(dataSource: DataSource): { readonly count: number } {
  const counter = { count: 0 };
  const query = dataSource.query.bind(dataSource);
  dataSource.query = ((...args: Parameters<DataSource['query']>) => {
    counter.count += 1;
    return query(...args);
  }) as DataSource['query'];
  return counter;
}

describe(PostgresThrottlerStorage.name, () => {
  let database: ScratchDatabase;
  const dataSources: DataSource[] = [];
  const storages: PostgresThrottlerStorage[] = [];

  async function connect(): Promise<DataSource> {
    const dataSource = await new DataSource({
      type: 'postgres',
      url: database.url,
      extra: { max: 4, connectionTimeoutMillis: 2000 },
    }).initialize();
    dataSources.push(dataSource);
    return dataSource;
  }

  function storageOn(
    dataSource: DataSource,
    options: Partial<RateLimitStorageOptions> = {},
  ): PostgresThrottlerStorage {
    const storage = new PostgresThrottlerStorage(
      new RateLimitBucketsRepository(dataSource),
      hashKey,
      options,
    );
    storages.push(storage);
    return storage;
  }

  async function rows(): Promise<{ key: string; window_start: Date; hits: number }[]> {
    return dataSources[0].query(
      'SELECT key, window_start, hits FROM rate_limit_buckets ORDER BY window_start, key',
    );
  }

  let warnings: jest.SpyInstance;

  beforeAll(async () => {
    warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    database = await scratchDatabase();
    const migrator = await new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: [RateLimitBuckets1795443610016],
      migrationsTableName: 'schema_migrations',
    }).initialize();
    await migrator.runMigrations();
    await migrator.destroy();
    await connect();
  });

  beforeEach(() => warnings.mockClear());

  afterEach(async () => {
    for (const storage of storages.splice(0)) {
      storage.onModuleDestroy();
      await storage.flush();
    }
    await dataSources[0].query('DELETE FROM rate_limit_buckets');
  });

  afterAll(async () => {
    for (const dataSource of dataSources) {
      if (dataSource.isInitialized) {
        await dataSource.destroy();
      }
    }
    await database?.drop();
    jest.restoreAllMocks();
  });

  it('admits up to the limit, then blocks until the end of the window', async () => {
    const windowStart = Math.floor(Date.now() / MINUTE) * MINUTE;
    let now = windowStart + 45_500;
    const storage = storageOn(dataSources[0], { now: () => now });
    const results = [];
    for (let i = 0; i < 6; i++) {
      results.push(await storage.increment('ip:198.51.100.7', MINUTE, 5, MINUTE, 'default'));
    }
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, false, false, false, true]);
    expect(results.map((r) => r.totalHits)).toEqual([1, 2, 3, 4, 5, 6]);
    // 14.5 s left in the window: Retry-After rounds up.
    expect(results[5]).toMatchObject({ timeToExpire: 15, timeToBlockExpire: 15 });
    now = windowStart + MINUTE + 10;
    const next = await storage.increment('ip:198.51.100.7', MINUTE, 5, MINUTE, 'default');
    expect(next).toMatchObject({ isBlocked: false, totalHits: 1, timeToBlockExpire: 0 });
  });

  it('adds no statement per request: one multi-row upsert per flush interval', async () => {
    const dataSource = await connect();
    const queries = countQueries(dataSource);
    const storage = storageOn(dataSource, { flushIntervalMs: 200 });
    for (let i = 0; i < 30; i++) {
      await storage.increment(`ip:203.0.113.${i % 3}`, MINUTE, 10_000, MINUTE, 'default');
    }
    expect(queries.count).toBe(0);
    await new Promise((r) => setTimeout(r, 400));
    expect(queries.count).toBe(1);
    const stored = await rows();
    expect(stored.map((r) => r.hits)).toEqual([10, 10, 10]);
    expect(stored.map((r) => r.key).sort()).toEqual(
      [0, 1, 2].map((i) => hashKey(`default:${MINUTE}:ip:203.0.113.${i}`)).sort(),
    );
    // Keyed digests only: no address or account id in clear.
    expect(JSON.stringify(stored)).not.toContain('203.0.113');
  });

  it('flushes at once when a key reaches a tenth of its limit', async () => {
    const storage = storageOn(dataSources[0], { flushIntervalMs: MINUTE });
    for (let i = 0; i < 4; i++) {
      await storage.increment('account:a1', MINUTE, 40, MINUTE, 'default');
    }
    await new Promise((r) => setTimeout(r, 200));
    expect((await rows()).map((r) => r.hits)).toEqual([4]);
  });

  it('learns what other instances admitted and blocks on their count', async () => {
    const [a, b] = [storageOn(await connect()), storageOn(await connect())];
    for (let i = 0; i < 40; i++) {
      expect((await a.increment('ip:192.0.2.1', MINUTE, 40, MINUTE, 'default')).isBlocked).toBe(
        false,
      );
    }
    await a.flush();
    // b has never seen this key: it admits at most one flush threshold (4) before it knows.
    const fromB = [];
    for (let i = 0; i < 10; i++) {
      fromB.push((await b.increment('ip:192.0.2.1', MINUTE, 40, MINUTE, 'default')).isBlocked);
    }
    expect(fromB.filter((blocked) => !blocked).length).toBeLessThanOrEqual(4);
    expect(fromB.slice(-5)).toEqual([true, true, true, true, true]);
    expect((await a.increment('ip:192.0.2.1', MINUTE, 40, MINUTE, 'default')).isBlocked).toBe(true);
  });

  it('keeps two instances alternating for one client within limit + 2 × a tenth of it', async () => {
    const instances = [storageOn(await connect()), storageOn(await connect())];
    let admitted = 0;
    for (let i = 0; i < 120; i++) {
      const result = await instances[i % 2].increment('account:b2', MINUTE, 40, MINUTE, 'default');
      admitted += result.isBlocked ? 0 : 1;
    }
    expect(admitted).toBeGreaterThanOrEqual(40);
    expect(admitted).toBeLessThanOrEqual(48);
    // Another client is unaffected.
    expect(
      (await instances[1].increment('account:c3', MINUTE, 40, MINUTE, 'default')).isBlocked,
    ).toBe(false);
  });

  it('sends hits of a window that has ended nowhere, and counts the new window from zero', async () => {
    const windowStart = Math.floor(Date.now() / MINUTE) * MINUTE;
    let now = windowStart + 1_000;
    const storage = storageOn(dataSources[0], { now: () => now, flushIntervalMs: MINUTE });
    await storage.increment('ip:192.0.2.9', MINUTE, 100, MINUTE, 'default');
    await storage.increment('ip:192.0.2.9', MINUTE, 100, MINUTE, 'default');
    now = windowStart + MINUTE + 1_000;
    await storage.increment('ip:192.0.2.9', MINUTE, 100, MINUTE, 'default');
    await storage.flush();
    const stored = await rows();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ hits: 1 });
    expect(stored[0].window_start.getTime()).toBe(windowStart + MINUTE);
  });

  it('purges windows that ended before the grace period', async () => {
    const windowStart = Math.floor(Date.now() / MINUTE) * MINUTE;
    let now = windowStart - 3 * MINUTE + 5;
    const storage = storageOn(dataSources[0], { now: () => now, purgeGraceMs: MINUTE });
    await storage.increment('ip:192.0.2.20', MINUTE, 100, MINUTE, 'default');
    await storage.flush();
    now = windowStart + 5;
    await storage.increment('ip:192.0.2.20', MINUTE, 100, MINUTE, 'default');
    await storage.flush();
    expect(await rows()).toHaveLength(2);
    expect(await storage.purgeExpired()).toBe(1);
    const left = await rows();
    expect(left.map((r) => r.window_start.getTime())).toEqual([windowStart]);
  });

  it('fails open while the database is unreachable, counting locally, and catches up after', async () => {
    const dataSource = await connect();
    const storage = storageOn(dataSource, { flushIntervalMs: 100 });
    await dataSource.destroy();
    const started = Date.now();
    const blocked = [];
    for (let i = 0; i < 12; i++) {
      blocked.push(
        (await storage.increment('ip:192.0.2.30', MINUTE, 10, MINUTE, 'default')).isBlocked,
      );
    }
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(storage.isDegraded).toBe(true);
    expect(warnings).toHaveBeenCalledTimes(1);
    expect(warnings.mock.calls[0][0]).toMatch(/rate-limit store is unreachable/);
    // The local count still enforces the limit on this instance's own traffic.
    expect(blocked.filter((b) => !b)).toHaveLength(10);
    await dataSource.initialize();
    await new Promise((r) => setTimeout(r, 300));
    expect(storage.isDegraded).toBe(false);
    expect((await rows()).map((r) => r.hits)).toEqual([10]);
  });

  it('does not stall requests on a slow database: decides locally after the wait limit', async () => {
    const dataSource = await connect();
    const storage = storageOn(dataSource, { maxFlushWaitMs: 100 });
    const locker = new Client({ connectionString: database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE rate_limit_buckets IN EXCLUSIVE MODE');
      const started = Date.now();
      let admitted = 0;
      for (let i = 0; i < 20; i++) {
        const result = await storage.increment('ip:192.0.2.40', MINUTE, 20, MINUTE, 'default');
        admitted += result.isBlocked ? 0 : 1;
      }
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(admitted).toBe(20);
      expect(storage.isDegraded).toBe(true);
      await locker.query('COMMIT');
      await storage.flush();
      await storage.flush();
      expect(storage.isDegraded).toBe(false);
      expect((await rows()).map((r) => r.hits)).toEqual([20]);
    } finally {
      await locker.end();
    }
  });
});
