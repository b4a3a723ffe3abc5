import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueJobExplorer } from './queue-job.explorer';
import { QueueService } from './queue.service';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [QueueService, QueueJobExplorer],
  exports: [QueueService],
})
export class QueueModule {}
