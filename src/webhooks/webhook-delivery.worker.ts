import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Job } from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { QueueService } from '../queue/queue.service';
import { WebhookDeliveryAttempt } from './entities/webhook-delivery-attempt.entity';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import type { WebhookDeliveryJob } from './webhook-events';
import { WEBHOOK_DELIVERY_QUEUE } from './webhook-events';
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
export class WebhookDeliveryWorker implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');
  private readonly settings: WebhookSettings;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: QueueService,
    private readonly sender: WebhookSender,
    private readonly audit: AuditService,
  ) {
    this.settings = sender.settings;
  }

  onModuleInit(): void {
    this.queue.register<WebhookDeliveryJob>({
      name: WEBHOOK_DELIVERY_QUEUE,
      handler: (data, job) => this.deliver(data, job),
      options: {
        retryLimit: this.settings.retryLimit,
        retryDelay: this.settings.retryDelaySeconds,
        retryBackoff: true,
        retryDelayMax: 3600,
        expireInSeconds: 60,
        // Retries are not announced by NOTIFY, and a worker on a notify queue only re-polls every
        // 30 s, which would stretch the first back-off steps; plain 1 s polling keeps them on time.
        notify: false,
      },
      concurrency: 4,
    });
  }

  async deliver(
    { delivery_id: id }: WebhookDeliveryJob,
    job: Job<WebhookDeliveryJob>,
  ): Promise<void> {
    const delivery = await this.dataSource.getRepository(WebhookDelivery).findOne({
      where: { id },
      relations: { endpoint: true },
    });
    // Idempotent: a delivered, cancelled or deleted delivery is never sent again.
    if (!delivery?.endpoint || delivery.status === 'delivered' || delivery.status === 'cancelled') {
      return;
    }
    const endpoint = delivery.endpoint;
    if (!endpoint.isActive) {
      await this.dataSource
        .getRepository(WebhookDelivery)
        .update({ id }, { status: 'cancelled', lastError: 'The endpoint is disabled' });
      return;
    }
    const { statusCode, error, durationMs } = await this.sender.send(endpoint, delivery);
    const final = job.retryCount >= this.settings.retryLimit;
    await this.dataSource.transaction((manager) =>
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
    const counted = await manager
      .createQueryBuilder()
      .update(WebhookDelivery)
      .set({ attempts: () => 'attempts + 1' })
      .where('id = :id', { id: delivery.id })
      .returning(['attempts'])
      .execute();
    const row = (counted.raw as { attempts: number }[])[0];
    if (!row) {
      return; // the endpoint was deleted meanwhile, and its deliveries with it
    }
    const attempts = row.attempts;
    const error = outcome.error?.slice(0, 500) ?? null;
    await manager.insert(WebhookDeliveryAttempt, {
      id: randomUUID(),
      deliveryId: delivery.id,
      attempt: attempts,
      statusCode: outcome.statusCode,
      error,
      durationMs: outcome.durationMs,
      attemptedAt: new Date(),
    });
    if (!error) {
      await manager.update(
        WebhookDelivery,
        { id: delivery.id },
        {
          status: 'delivered',
          deliveredAt: new Date(),
          lastStatusCode: outcome.statusCode,
          lastError: null,
        },
      );
      await manager.update(WebhookEndpoint, { id: endpoint.id }, { consecutiveFailures: 0 });
      return;
    }
    await manager.update(
      WebhookDelivery,
      { id: delivery.id },
      {
        status: outcome.final ? 'failed' : 'pending',
        lastStatusCode: outcome.statusCode,
        lastError: error,
      },
    );
    if (outcome.final) {
      await this.countFailedDelivery(manager, endpoint.id, error);
    }
  }

  // A delivery counts as failed once its retries are exhausted; enough of them in a row disable
  // the endpoint, with the reason shown in GET /api/webhooks.
  private async countFailedDelivery(manager: EntityManager, endpointId: string, error: string) {
    const counted = await manager
      .createQueryBuilder()
      .update(WebhookEndpoint)
      .set({ consecutiveFailures: () => 'consecutive_failures + 1' })
      .where('id = :id', { id: endpointId })
      .returning(['consecutiveFailures', 'isActive'])
      .execute();
    const row = (counted.raw as { consecutive_failures: number; is_active: boolean }[])[0];
    if (!row?.is_active || row.consecutive_failures < this.settings.disableAfterFailures) {
      return;
    }
    const failures = row.consecutive_failures;
    const reason = `Disabled after ${failures} consecutive failed deliveries (last error: ${error})`;
    await manager.update(
      WebhookEndpoint,
      { id: endpointId },
      { isActive: false, disabledAt: new Date(), disabledReason: reason.slice(0, 500) },
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
