import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { QueueService } from '../../queue/queue.service';
import { compactPipelineCounters } from './pipeline-counters.fold';

export const PIPELINE_COUNTERS_COMPACT_QUEUE = 'pipeline-counters-compact';

// Folds the deltas stage changes append into the pipeline counters once a minute, so reports sum
// compact rows. Readers add whatever is not folded yet, so a late or failed run costs speed only.
@Injectable()
export class PipelineCountersCompactor implements OnModuleInit {
  private readonly logger = new Logger('PipelineCounters');

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: QueueService,
  ) {}

  onModuleInit(): void {
    this.queue.register({
      name: PIPELINE_COUNTERS_COMPACT_QUEUE,
      handler: async () => {
        await this.compact();
      },
      options: { policy: 'exclusive', retryLimit: 2, expireInSeconds: 300 },
    });
  }

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

  async compact(): Promise<number> {
    return this.dataSource.transaction((manager) => compactPipelineCounters(manager));
  }
}
