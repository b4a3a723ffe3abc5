import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { RetentionScheduler } from '../../src/gdpr/retention/retention-scheduler';
import { QueueService } from '../../src/queue/queue.service';
import { databaseUrlFor } from '../support/database-url';
import { dropDatabase, until } from '../support/gdpr';
import { createTestApp, TestApp } from '../support/test-app';
import { waitUntil } from './support/app-process';

jest.setTimeout(90_000);

const processed: { marker: string; instance: number }[] = [];
let instances = 0;

// Registered on both instances: each job records which instance ran it.
@Injectable()
class ProbeWorker implements OnModuleInit {
  private readonly instance = ++instances;
  constructor(private readonly queue: QueueService) {}
  onModuleInit(): void {
    this.queue.register<{ marker: string }>({
      name: 'faults-probe',
      handler: async ({ marker }) => {
        processed.push({ marker, instance: this.instance });
        // Long enough that both instances' workers hold jobs at the same time.
        await new Promise((r) => setTimeout(r, 20));
      },
      concurrency: 4,
    });
  }
}

@Module({ providers: [ProbeWorker] })
class ProbeModule {}

// Two instances booting together on one empty database. Covered elsewhere:
// - WebRTC signalling across instances: test/video.e2e-spec.ts runs two app instances on one
//   database and relays signals between them.
// - The shared rate limit: test/faults/shared-rate-limit.faults-spec.ts, two processes.
describe('Two instances on one database (faults)', () => {
  const name = `panelist_f_${randomBytes(6).toString('hex')}`;
  let databaseUrl: string;
  let apps: TestApp[] = [];

  beforeAll(async () => {
    const admin = new Client({ connectionString: process.env.PANELIST_TEST_SERVER_URL });
    await admin.connect();
    try {
      // Empty, not the migrated template: both instances race to migrate it.
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    databaseUrl = databaseUrlFor(process.env.PANELIST_TEST_SERVER_URL!, name);
  });

  afterAll(async () => {
    for (const app of apps) {
      await app.close();
    }
    await dropDatabase(databaseUrl);
  });

  it('both boot and the migrations run once', async () => {
    apps = await Promise.all(
      [0, 1].map(() =>
        createTestApp({ env: { DATABASE_URL: databaseUrl }, imports: [ProbeModule] }),
      ),
    );
    for (const app of apps) {
      expect((await app.http.get('/api/health')).status).toBe(200);
    }
    const files = readdirSync(join(__dirname, '..', '..', 'migrations')).filter((f) =>
      /^\d+-\w+\.ts$/.test(f),
    );
    const rows = await apps[0].dataSource.query<{ name: string; n: number }[]>(
      'SELECT name, count(*)::int AS n FROM schema_migrations GROUP BY name',
    );
    expect(rows).toHaveLength(files.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // The first admin is created once, too (under its own advisory lock).
    const [admins] = await apps[0].dataSource.query<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM users WHERE role = 'admin'",
    );
    expect(admins.n).toBe(1);
  });

  it('processes each queued job exactly once across both instances', async () => {
    const queues = apps.map((app) => app.app.get(QueueService));
    const markers = Array.from({ length: 50 }, (_, i) => `job-${i}`);
    await Promise.all(
      markers.map((marker, i) => queues[i % 2].enqueue('faults-probe', { marker })),
    );
    await waitUntil(() => processed.length >= markers.length, 'every probe job');
    // Late duplicates would show up here.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(processed.map((p) => p.marker).sort()).toEqual([...markers].sort());
    const jobs = await apps[0].dataSource.query<{ state: string; retry_count: number }[]>(
      "SELECT state, retry_count FROM pgboss.job WHERE name = 'faults-probe'",
    );
    expect(jobs).toHaveLength(markers.length);
    expect(jobs.every((j) => j.state === 'completed' && j.retry_count === 0)).toBe(true);
    process.stdout.write(
      `probe jobs per instance: ${[1, 2].map((n) => processed.filter((p) => p.instance === n).length).join(' / ')}\n`,
    );
  });

  // The same approach as the retention test in test/gdpr.e2e-spec.ts: both instances' daily cron
  // fires; one job is queued and one run recorded.
  it('runs the daily retention once when both instances trigger it', async () => {
    const schedulers = apps.map((app) => app.app.get(RetentionScheduler));
    const ids = await Promise.all(schedulers.map((s) => s.enqueueDaily()));
    expect(ids.filter(Boolean)).toHaveLength(1);
    const db = apps[0].dataSource;
    const runs = () =>
      db.query<{ status: string }[]>(
        "SELECT status FROM retention_runs WHERE trigger = 'schedule'",
      );
    expect(await until(runs, (rows) => rows[0]?.status === 'completed')).toEqual([
      { status: 'completed' },
    ]);
    await Promise.all(schedulers.map((s) => s.enqueueDaily()));
    const jobs = () =>
      db.query<{ state: string }[]>("SELECT state FROM pgboss.job WHERE name = 'gdpr-retention'");
    await until(jobs, (rows) => rows.every((j) => j.state === 'completed'));
    expect(await runs()).toHaveLength(1);
  });
});
