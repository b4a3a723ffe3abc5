import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { BadRequestProblem, NotFoundProblem } from '../common/errors/domain.exception';
import { Page, PageQueryDto } from '../common/pagination/cursor';
import { Transactions } from '../database/transactions';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { assertPublicTarget, parseWebhookUrl, WebhookTargetError } from './ssrf-guard';
import { loadWebhookSettings, WebhookSettings } from './webhook-settings';
import {
  presentDelivery,
  presentWebhook,
  WebhookDeliveryResponse,
  WebhookResponse,
  WebhookWithPingResponse,
} from './webhook.presenter';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookLifecycleService } from './webhook-lifecycle.service';

@Injectable()
export class WebhookEndpointsService {
  private readonly settings: WebhookSettings;

  constructor(
    private readonly transactions: Transactions,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveryLog: WebhookDeliveriesRepository,
    private readonly audit: AuditService,
    private readonly lifecycle: WebhookLifecycleService,
    config: ConfigService,
  ) {
    this.settings = loadWebhookSettings(config);
  }

  // Created active, then pinged: a failed ping leaves it disabled, with the reason.
  async register(actor: AuthUser, dto: CreateWebhookDto): Promise<WebhookWithPingResponse> {
    let url: URL;
    try {
      url = parseWebhookUrl(dto.url);
      await assertPublicTarget(url, this.settings.allowPrivateTargets);
    } catch (error) {
      if (error instanceof WebhookTargetError) {
        throw new BadRequestProblem('WEBHOOK_URL_NOT_ALLOWED', error.message, [
          { field: 'url', message: error.message },
        ]);
      }
      throw error;
    }
    const endpoint = await this.transactions.run(async (manager) => {
      const id = randomUUID();
      await this.endpoints.insert(
        {
          id,
          url: url.toString(),
          events: dto.events,
          secret: dto.secret,
          isActive: true,
          consecutiveFailures: 0,
          disabledReason: null,
          disabledAt: null,
          createdBy: actor.id,
        },
        manager,
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'webhook.created',
        targetType: 'webhook_endpoint',
        targetId: id,
        metadata: { events: dto.events.join(',') },
      });
      return this.endpoints.findByIdOrFail(id, manager);
    });
    return this.lifecycle.pingNew(actor, endpoint);
  }

  list(query: PageQueryDto): Promise<Page<WebhookResponse>> {
    return this.endpoints.listNewestFirst(query, presentWebhook);
  }

  // Deleting an endpoint drops its pending deliveries too; queued jobs then find nothing to send.
  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      if (!(await this.endpoints.delete(id, manager))) {
        throw new NotFoundProblem('Webhook');
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'webhook.deleted',
        targetType: 'webhook_endpoint',
        targetId: id,
      });
    });
  }

  async deliveries(
    endpointId: string,
    query: PageQueryDto,
  ): Promise<Page<WebhookDeliveryResponse>> {
    if (!(await this.endpoints.exists(endpointId))) {
      throw new NotFoundProblem('Webhook');
    }
    const page = await this.deliveryLog.listOfEndpoint(endpointId, query);
    const attempts = await this.deliveryLog.attemptsOf(page.items.map((d) => d.id));
    return {
      ...page,
      items: page.items.map((d) =>
        presentDelivery(
          d,
          attempts.filter((a) => a.deliveryId === d.id),
        ),
      ),
    };
  }
}
