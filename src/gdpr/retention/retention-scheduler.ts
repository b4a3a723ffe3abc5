import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { QueueService } from '../../queue/queue.service';
import { GDPR_RETENTION_QUEUE, GdprRetentionJob } from '../gdpr.queues';
import { RetentionService } from './retention.service';

// Every instance's cron fires; the 'exclusive' queue with one singleton key keeps at most one job
// queued or running, and the run row is unique per UTC day, so the policies apply once a day.
@Injectable()
export class RetentionScheduler implements OnModuleInit {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly queue: QueueService,
    private readonly retention: RetentionService,
  ) {}

  onModuleInit(): void {
    this.queue.register<GdprRetentionJob>({
      name: GDPR_RETENTION_QUEUE,
      handler: async (data) => {
        await this.retention.run({ dryRun: false, trigger: 'schedule', day: data.day });
      },
      options: { policy: 'exclusive', retryLimit: 3, retryDelay: 60, expireInSeconds: 3600 },
      concurrency: 1,
    });
  }

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'gdpr-retention', timeZone: 'UTC' })
  async enqueueDaily(now = new Date()): Promise<string | null> {
    try {
      return await this.queue.enqueue<GdprRetentionJob>(
        GDPR_RETENTION_QUEUE,
        { day: now.toISOString().slice(0, 10) },
        { singletonKey: 'retention-daily' },
      );
    } catch (error) {
      // Another instance got there first (the queue refused a second job), or the queue is down:
      // either way this instance has nothing to do.
      this.logger.debug(`Daily retention not enqueued here: ${(error as Error).message}`);
      return null;
    }
  }
}
