import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { QueueService } from '../queue/queue.service';
import type { WebhookDeliveryJob, WebhookEvent, WebhookPayload } from './webhook-events';
import { WEBHOOK_DELIVERY_QUEUE } from './webhook-events';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';

// Same rule as the audit log: a key that names personal data is a programming error.
const PERSONAL_DATA_KEYS = /(email|phone|name|address|password|token|resume|transcript|notes)/i;

// Outbound events for other modules (interviews, GDPR) as well as the ATS itself. Joins the
// caller's transaction: a delivery row and its queue job exist only if the change committed.
@Injectable()
export class AtsEventsService {
  constructor(
    private readonly queue: QueueService,
    private readonly endpointsOf: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
  ) {}

  async emit(
    manager: EntityManager,
    event: WebhookEvent,
    payload: WebhookPayload,
  ): Promise<number> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AtsEventsService.emit must run inside a transaction');
    }
    const leaked = Object.keys(payload).find((k) => PERSONAL_DATA_KEYS.test(k));
    if (leaked) {
      throw new Error(`Webhook payload key "${leaked}" looks like personal data`);
    }
    const endpoints = await this.endpointsOf.activeIdsSubscribedTo(event, manager);
    const occurredAt = new Date().toISOString();
    for (const endpoint of endpoints) {
      const id = randomUUID();
      await this.deliveries.insert(
        {
          id,
          endpointId: endpoint.id,
          event,
          body: JSON.stringify({ id, event, occurred_at: occurredAt, data: payload }),
          status: 'pending',
          attempts: 0,
        },
        manager,
      );
      await this.queue.enqueue<WebhookDeliveryJob>(
        WEBHOOK_DELIVERY_QUEUE,
        { delivery_id: id },
        { manager },
      );
    }
    return endpoints.length;
  }
}
