import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Job } from 'pg-boss';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Transactions } from '../database/transactions';
import { QueueJob } from '../queue/queue-job.decorator';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import type { WebhookDeliveryJob } from './webhook-events';
import { WEBHOOK_DELIVERY_QUEUE } from './webhook-events';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookSender } from './webhook-sender';
import type { WebhookSettings } from './webhook-settings';

interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  final: boolean;
}

// Delivers one webhook per job. A failed attempt throws so pg-boss retries it with exponential
// back-off; the same delivery id (and the same signed body) is sent on every attempt.
@Injectable()
export class WebhookDeliveryWorker {
  private readonly logger = new Logger('Webhooks');
  readonly settings: WebhookSettings;

  constructor(
    private readonly transactions: Transactions,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly sender: WebhookSender,
    private readonly audit: AuditService,
  ) {
    this.settings = sender.settings;
  }

  @QueueJob<WebhookDeliveryWorker>(WEBHOOK_DELIVERY_QUEUE, (worker) => ({
    options: {
      retryLimit: worker.settings.retryLimit,
      retryDelay: worker.settings.retryDelaySeconds,
      retryBackoff: true,
      retryDelayMax: 3600,
      expireInSeconds: 60,
      // Retries are not announced by NOTIFY, and a worker on a notify queue only re-polls every
      // 30 s, which would stretch the first back-off steps; plain 1 s polling keeps them on time.
      notify: false,
    },
    concurrency: 4,
  }))
  async deliver(
    { delivery_id: id }: WebhookDeliveryJob,
    job: Job<WebhookDeliveryJob>,
  ): Promise<void> {
    const delivery = await this.deliveries.findWithEndpoint(id);
    // Idempotent: a delivered, cancelled or deleted delivery is never sent again.
    if (!delivery?.endpoint || delivery.status === 'delivered' || delivery.status === 'cancelled') {
      return;
    }
    const endpoint = delivery.endpoint;
    if (!endpoint.isActive) {
      await this.deliveries.update(id, {
        status: 'cancelled',
        lastError: 'The endpoint is disabled',
      });
      return;
    }
    const { statusCode, error, durationMs } = await this.sender.send(endpoint, delivery);
    const final = job.retryCount >= this.settings.retryLimit;
    await this.transactions.run((manager) =>
      this.record(manager, delivery, endpoint, { statusCode, error, durationMs, final }),
    );
    if (error) {
      throw new Error(`Webhook delivery ${id} attempt failed: ${error}`);
    }
  }

  private async record(
    manager: EntityManager,
    delivery: WebhookDelivery,
    endpoint: WebhookEndpoint,
    outcome: AttemptOutcome,
  ): Promise<void> {
    const attempts = await this.deliveries.countAttempt(delivery.id, manager);
    if (attempts === undefined) {
      return; // the endpoint was deleted meanwhile, and its deliveries with it
    }
    const error = outcome.error?.slice(0, 500) ?? null;
    await this.deliveries.insertAttempt(
      {
        id: randomUUID(),
        deliveryId: delivery.id,
        attempt: attempts,
        statusCode: outcome.statusCode,
        error,
        durationMs: outcome.durationMs,
        attemptedAt: new Date(),
      },
      manager,
    );
    if (!error) {
      await this.deliveries.update(
        delivery.id,
        {
          status: 'delivered',
          deliveredAt: new Date(),
          lastStatusCode: outcome.statusCode,
          lastError: null,
        },
        manager,
      );
      await this.endpoints.update(endpoint.id, { consecutiveFailures: 0 }, manager);
      return;
    }
    await this.deliveries.update(
      delivery.id,
      {
        status: outcome.final ? 'failed' : 'pending',
        lastStatusCode: outcome.statusCode,
        lastError: error,
      },
      manager,
    );
    if (outcome.final) {
      await this.countFailedDelivery(manager, endpoint.id, error);
    }
  }

  // A delivery counts as failed once its retries are exhausted; enough of them in a row disable
  // the endpoint, with the reason shown in GET /api/webhooks.
  private async countFailedDelivery(manager: EntityManager, endpointId: string, error: string) {
    const row = await this.endpoints.countFailure(endpointId, manager);
    if (!row?.is_active || row.consecutive_failures < this.settings.disableAfterFailures) {
      return;
    }
    const failures = row.consecutive_failures;
    const reason = `Disabled after ${failures} consecutive failed deliveries (last error: ${error})`;
    await this.endpoints.update(
      endpointId,
      { isActive: false, disabledAt: new Date(), disabledReason: reason.slice(0, 500) },
      manager,
    );
    await this.audit.record(manager, {
      action: 'webhook.disabled',
      targetType: 'webhook_endpoint',
      targetId: endpointId,
      metadata: { consecutive_failures: failures },
    });
    this.logger.warn(`Webhook endpoint ${endpointId} disabled after ${failures} failed deliveries`);
  }
}
