import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PgBoss } from 'pg-boss';
import type { Job, Queue } from 'pg-boss';
import { EntityManager } from 'typeorm';
import type { AppConfig, AppSettings } from '../config/app-config';
import { isDatabaseUnavailable } from '../database/database-errors';
import { RESOLVED_DATABASE_URL } from '../database/database.tokens';
import { MetricsService } from '../metrics/metrics.service';
import { DEFAULT_QUEUE_OPTIONS, queueSettingsToUpdate, SUPERVISE_SECONDS } from './queue-settings';

export interface QueueDefinition<T> {
  name: string;
  handler: (data: T, job: Job<T>) => Promise<void>;
  // Retry/expiry settings and the queue policy (e.g. 'exclusive' for singleton maintenance jobs).
  options?: Omit<Queue, 'name'>;
  // How many jobs of this queue one process works on at once.
  concurrency?: number;
  // Fetch again at once while a backlog is waiting, instead of one job per worker per poll (jobs
  // queued while no worker ran are not announced by NOTIFY).
  drainBacklog?: boolean;
}

const UNAVAILABLE_LOG_INTERVAL_MS = 5_000;

// pg-boss on the application's PostgreSQL. Jobs can be enqueued inside a TypeORM transaction, so a
// job exists only if the change that asked for it committed.
@Injectable()
export class QueueService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Queue');
  private readonly definitions = new Map<string, QueueDefinition<never>>();
  private boss: PgBoss | null = null;
  private running = false;
  private unavailableLoggedAt = 0;
  private unavailableSuppressed = 0;

  constructor(
    @Inject(RESOLVED_DATABASE_URL) private readonly databaseUrl: string,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly metrics: MetricsService,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  register<T>(definition: QueueDefinition<T>): void {
    this.definitions.set(definition.name, definition);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.sampleBeforeScrape(() => this.sampleDepth());
    const boss = new PgBoss({
      connectionString: this.databaseUrl,
      max: 5,
      useListenNotify: true,
      superviseIntervalSeconds: SUPERVISE_SECONDS,
      // Job expiry and heartbeat checks run in the monitor pass, at most this often per queue.
      monitorIntervalSeconds: SUPERVISE_SECONDS,
    });
    boss.on('error', (error: Error) => this.onBossError(error));
    await boss.start();
    this.boss = boss;
    for (const definition of this.definitions.values()) {
      const options = { ...DEFAULT_QUEUE_OPTIONS, notify: true, ...definition.options };
      await boss.createQueue(definition.name, options);
      const current = await boss.getQueue(definition.name);
      const changes = current && queueSettingsToUpdate(options, current);
      if (changes) {
        this.logger.log(`Queue ${definition.name}: updating ${Object.keys(changes).join(', ')}`);
        await boss.updateQueue(definition.name, changes);
      }
    }
    const role = this.config.get<AppSettings>('app').role;
    if (role !== 'api') {
      for (const definition of this.definitions.values()) {
        await this.startWorker(boss, definition);
      }
    }
    this.running = true;
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    if (this.boss) {
      await this.boss.stop({ graceful: true, timeout: 10_000 });
      this.boss = null;
    }
  }

  async enqueue<T extends object>(
    name: string,
    data: T,
    options: { manager?: EntityManager; singletonKey?: string; startAfter?: Date | number } = {},
  ): Promise<string | null> {
    const boss = this.requireBoss();
    const runner = options.manager?.queryRunner;
    const db = runner
      ? {
          executeSql: async (text: string, values?: unknown[]) => ({
            rows: (await runner.query(text, values, true)).records as unknown[],
          }),
        }
      : undefined;
    return boss.send(name, data, {
      db,
      singletonKey: options.singletonKey,
      startAfter: options.startAfter as Date | undefined,
    });
  }

  async schedule(name: string, cron: string, data: object = {}): Promise<void> {
    await this.requireBoss().schedule(name, cron, data, { tz: 'UTC' });
  }

  async depth(): Promise<{ name: string; queued: number; active: number; failed: number }[]> {
    if (!this.boss) {
      return [];
    }
    const queues = await this.boss.getQueues([...this.definitions.keys()]);
    return queues.map((q) => ({
      name: q.name,
      queued: q.queuedCount,
      active: q.activeCount,
      failed: q.failedCount,
    }));
  }

  private async sampleDepth(): Promise<void> {
    for (const q of await this.depth()) {
      this.metrics.queueDepth.set({ queue: q.name, state: 'queued' }, q.queued);
      this.metrics.queueDepth.set({ queue: q.name, state: 'active' }, q.active);
      this.metrics.queueDepth.set({ queue: q.name, state: 'failed' }, q.failed);
    }
  }

  private async startWorker(boss: PgBoss, definition: QueueDefinition<never>): Promise<void> {
    await boss.work<never>(
      definition.name,
      {
        batchSize: 1,
        localConcurrency: definition.concurrency ?? 2,
        pollingIntervalSeconds: 1,
        // NOTIFY wakes workers for new jobs only; retries and delayed jobs are found by polling,
        // which pg-boss slows to 30 s while NOTIFY is active unless told otherwise.
        notifyPollingIntervalSeconds: 2,
        ...(definition.drainBacklog ? { burstWhenReadyExceeds: 1 } : {}),
      },
      async ([job]) => {
        const stop = this.metrics.jobDuration.startTimer({ queue: definition.name });
        try {
          await definition.handler(job.data, job);
          stop({ outcome: 'completed' });
        } catch (error) {
          stop({ outcome: 'failed' });
          this.metrics.jobFailures.inc({ queue: definition.name });
          this.logger.warn(
            `Job ${definition.name} ${job.id} failed (attempt ${job.retryCount + 1}): ${(error as Error).message}`,
          );
          throw error;
        }
      },
    );
  }

  // While PostgreSQL is down every worker's poll fails; pg-boss keeps polling and carries on by
  // itself once the server is back. Say so once every few seconds, not once per poll.
  private onBossError(error: Error): void {
    if (!isDatabaseUnavailable(error)) {
      this.logger.error(`pg-boss: ${error.message}`);
      return;
    }
    const now = Date.now();
    if (now - this.unavailableLoggedAt < UNAVAILABLE_LOG_INTERVAL_MS) {
      this.unavailableSuppressed++;
      return;
    }
    const more = this.unavailableSuppressed ? ` (${this.unavailableSuppressed} more since)` : '';
    this.logger.warn(`pg-boss: database unavailable: ${error.message}${more}`);
    this.unavailableLoggedAt = now;
    this.unavailableSuppressed = 0;
  }

  private requireBoss(): PgBoss {
    if (!this.boss) {
      throw new Error('The queue is not started yet');
    }
    return this.boss;
  }
}
