import { Module } from '@nestjs/common';
import { AtsEventsService } from './ats-events.service';
import { StageEventsService } from './stage-events.service';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookLifecycleService } from './webhook-lifecycle.service';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';

// Imports no feature module, so any module (interviews, GDPR) can import it to emit events.
@Module({
  controllers: [WebhooksController],
  providers: [
    AtsEventsService,
    StageEventsService,
    WebhookEndpointsService,
    WebhookDeliveryWorker,
    WebhookLifecycleService,
    WebhookSender,
  ],
  exports: [AtsEventsService, StageEventsService],
})
export class WebhooksModule {}
