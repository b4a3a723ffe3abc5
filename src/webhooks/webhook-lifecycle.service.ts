import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { ConflictProblem, NotFoundProblem } from '../common/errors/domain.exception';
import { Transactions } from '../database/transactions';
import { QueueService } from '../queue/queue.service';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import type { WebhookDeliveryJob } from './webhook-events';
import { PING_EVENT, WEBHOOK_DELIVERY_QUEUE } from './webhook-events';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookSender } from './webhook-sender';
import {
  PingResult,
  presentDelivery,
  presentWebhook,
  WebhookDeliveryResponse,
  WebhookWithPingResponse,
} from './webhook.presenter';

// Ping on create and on re-enable, and replay of a logged delivery (issue #19, item 5).
@Injectable()
export class WebhookLifecycleService {
  constructor(
    private readonly transactions: Transactions,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly sender: WebhookSender,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
  ) {}

  // A `ping` event, sent now and logged like any delivery (one attempt, no retries).
  async ping(endpoint: WebhookEndpoint): Promise<PingResult> {
    const id = randomUUID();
    const body = JSON.stringify({
      id,
      event: PING_EVENT,
      occurred_at: new Date().toISOString(),
      data: { webhook_id: endpoint.id, events: endpoint.events },
    });
    await this.deliveries.insert({
      id,
      endpointId: endpoint.id,
      event: PING_EVENT,
      body,
      status: 'pending',
      attempts: 0,
    });
    const outcome = await this.sender.send(endpoint, { id, event: PING_EVENT, body });
    const error = outcome.error?.slice(0, 500) ?? null;
    await this.transactions.run(async (manager) => {
      await this.deliveries.update(
        id,
        {
          status: error ? 'failed' : 'delivered',
          attempts: 1,
          lastStatusCode: outcome.statusCode,
          lastError: error,
          deliveredAt: error ? null : new Date(),
        },
        manager,
      );
      await this.deliveries.insertAttempt(
        {
          id: randomUUID(),
          deliveryId: id,
          attempt: 1,
          statusCode: outcome.statusCode,
          error,
          durationMs: outcome.durationMs,
          attemptedAt: new Date(),
        },
        manager,
      );
    });
    return {
      delivery_id: id,
      delivered: !error,
      status_code: outcome.statusCode,
      error,
      duration_ms: outcome.durationMs,
    };
  }

  // After creation: an endpoint whose ping failed stays, disabled, with the reason.
  async pingNew(actor: AuthUser, endpoint: WebhookEndpoint): Promise<WebhookWithPingResponse> {
    const ping = await this.ping(endpoint);
    if (!ping.delivered) {
      await this.transactions.run(async (manager) => {
        await this.endpoints.update(
          endpoint.id,
          {
            isActive: false,
            disabledAt: new Date(),
            disabledReason: `The ping on creation failed: ${ping.error}`.slice(0, 500),
          },
          manager,
        );
        await this.audit.record(manager, {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'webhook.disabled',
          targetType: 'webhook_endpoint',
          targetId: endpoint.id,
          metadata: { reason: 'ping_failed' },
        });
      });
    }
    const saved = await this.endpoints.findByIdOrFail(endpoint.id);
    return { ...presentWebhook(saved), ping };
  }

  // The admin's way back for a disabled endpoint: a ping that gets a 2xx turns it on again
  // (failure count reset); otherwise it stays off and the answer says why.
  async enable(actor: AuthUser, id: string): Promise<WebhookWithPingResponse> {
    const endpoint = await this.endpoints.findById(id);
    if (!endpoint) {
      throw new NotFoundProblem('Webhook');
    }
    const ping = await this.ping(endpoint);
    if (!ping.delivered) {
      throw new ConflictProblem(
        'WEBHOOK_PING_FAILED',
        `The endpoint stays disabled: the ping failed (${ping.error})`,
        { ping },
      );
    }
    await this.transactions.run(async (manager) => {
      await this.endpoints.update(
        id,
        { isActive: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null },
        manager,
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'webhook.enabled',
        targetType: 'webhook_endpoint',
        targetId: id,
      });
    });
    const saved = await this.endpoints.findByIdOrFail(id);
    return { ...presentWebhook(saved), ping };
  }

  // Sends a logged delivery again through the queue: the same delivery id and the same signed
  // body, with a fresh set of retries; its new attempts join its log.
  async replay(
    actor: AuthUser,
    endpointId: string,
    deliveryId: string,
  ): Promise<WebhookDeliveryResponse> {
    return this.transactions.run(async (manager) => {
      const delivery = await this.deliveries.lockOfEndpoint(deliveryId, endpointId, manager);
      const endpoint = await this.endpoints.findById(endpointId, manager);
      if (!delivery || !endpoint) {
        throw new NotFoundProblem('Delivery');
      }
      if (!endpoint.isActive) {
        throw new ConflictProblem(
          'WEBHOOK_DISABLED',
          'The endpoint is disabled: enable it (POST /api/webhooks/{id}/enable) before replaying',
        );
      }
      if (delivery.status === 'pending') {
        throw new ConflictProblem(
          'DELIVERY_IN_PROGRESS',
          'This delivery is still being sent; its attempts are in the log',
        );
      }
      await this.deliveries.update(deliveryId, { status: 'pending' }, manager);
      await this.queue.enqueue<WebhookDeliveryJob>(
        WEBHOOK_DELIVERY_QUEUE,
        { delivery_id: deliveryId },
        { manager },
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'webhook.delivery_replayed',
        targetType: 'webhook_delivery',
        targetId: deliveryId,
      });
      const attempts = await this.deliveries.attemptsOf([deliveryId], manager);
      return presentDelivery({ ...delivery, status: 'pending' }, attempts);
    });
  }
}
