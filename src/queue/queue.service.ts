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
import { RESOLVED_DATABASE_URL } from '../database/database.tokens';
import { MetricsService } from '../metrics/metrics.service';

export interface QueueDefinition<T> {
  name: string;
  handler: (data: T, job: Job<T>) => Promise<void>;
  // Retry/expiry settings and the queue policy (e.g. 'exclusive' for singleton maintenance jobs).
  options?: Omit<Queue, 'name'>;
  // How many jobs of this queue one process works on at once.
  concurrency?: number;
}

const DEFAULT_QUEUE_OPTIONS: Omit<Queue, 'name'> = {
  retryLimit: 5,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 600,
  expireInSeconds: 600,
};

// pg-boss on the application's PostgreSQL. Jobs can be enqueued inside a TypeORM transaction, so a
// job exists only if the change that asked for it committed.
@Injectable()
export class QueueService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Queue');
  private readonly definitions = new Map<string, QueueDefinition<never>>();
  private boss: PgBoss | null = null;
  private running = false;

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
    const boss = new PgBoss({
      connectionString: this.databaseUrl,
      max: 5,
      useListenNotify: true,
      superviseIntervalSeconds: 30,
    });
    boss.on('error', (error: Error) => this.logger.error(`pg-boss: ${error.message}`));
    await boss.start();
    this.boss = boss;
    for (const definition of this.definitions.values()) {
      await boss.createQueue(definition.name, {
        ...DEFAULT_QUEUE_OPTIONS,
        notify: true,
        ...definition.options,
      });
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

  private requireBoss(): PgBoss {
    if (!this.boss) {
      throw new Error('The queue is not started yet');
    }
    return this.boss;
  }
}
