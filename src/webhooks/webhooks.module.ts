import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookDeliveryAttempt } from './entities/webhook-delivery-attempt.entity';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { AtsEventsService } from './ats-events.service';
import { StageEventsService } from './stage-events.service';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookLifecycleService } from './webhook-lifecycle.service';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';

// Imports no feature module, so any module (interviews, GDPR) can import it to emit events.
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpoint, WebhookDelivery, WebhookDeliveryAttempt])],
  controllers: [WebhooksController],
  providers: [
    AtsEventsService,
    StageEventsService,
    WebhookDeliveriesRepository,
    WebhookEndpointsRepository,
    WebhookEndpointsService,
    WebhookDeliveryWorker,
    WebhookLifecycleService,
    WebhookSender,
  ],
  exports: [AtsEventsService, StageEventsService],
})
export class WebhooksModule {}
