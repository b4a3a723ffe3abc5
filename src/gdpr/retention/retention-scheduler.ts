import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { QueueJob } from '../../queue/queue-job.decorator';
import { QueueService } from '../../queue/queue.service';
import { GDPR_RETENTION_QUEUE } from '../gdpr.queues';
import type { GdprRetentionJob } from '../gdpr.queues';
import { RetentionService } from './retention.service';

// Every instance's cron fires; the 'exclusive' queue with one singleton key keeps at most one job
// queued or running, and the run row is unique per UTC day, so the policies apply once a day.
@Injectable()
export class RetentionScheduler {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly queue: QueueService,
    private readonly retention: RetentionService,
  ) {}

  @QueueJob(GDPR_RETENTION_QUEUE, {
    options: { policy: 'exclusive', retryLimit: 3, retryDelay: 60, expireInSeconds: 3600 },
    concurrency: 1,
  })
  async onRetentionJob(data: GdprRetentionJob): Promise<void> {
    await this.retention.run({ dryRun: false, trigger: 'schedule', day: data.day });
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
