import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { Transactions } from '../../database/transactions';
import { QueueJob } from '../../queue/queue-job.decorator';
import { QueueService } from '../../queue/queue.service';
import { compactPipelineCounters } from './pipeline-counters.fold';

export const PIPELINE_COUNTERS_COMPACT_QUEUE = 'pipeline-counters-compact';

// Folds the deltas stage changes append into the pipeline counters once a minute, so reports sum
// compact rows. Readers add whatever is not folded yet, so a late or failed run costs speed only.
@Injectable()
export class PipelineCountersJob {
  private readonly logger = new Logger('PipelineCounters');

  constructor(
    private readonly transactions: Transactions,
    private readonly queue: QueueService,
  ) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'pipeline-counters-compact' })
  async scheduleCompaction(): Promise<void> {
    try {
      await this.queue.enqueue(
        PIPELINE_COUNTERS_COMPACT_QUEUE,
        {},
        { singletonKey: PIPELINE_COUNTERS_COMPACT_QUEUE },
      );
    } catch (error) {
      this.logger.warn(`Could not enqueue the counter compaction: ${String(error)}`);
    }
  }

  @QueueJob(PIPELINE_COUNTERS_COMPACT_QUEUE, {
    options: { policy: 'exclusive', retryLimit: 2, expireInSeconds: 300 },
  })
  async compact(): Promise<number> {
    return this.transactions.run((manager) => compactPipelineCounters(manager));
  }
}
