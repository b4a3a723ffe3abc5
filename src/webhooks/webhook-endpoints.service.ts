import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { BadRequestProblem, NotFoundProblem } from '../common/errors/domain.exception';
import { decodeCursor, Page, PageQueryDto, pageLimit, toPage } from '../common/pagination/cursor';
import { CryptoService } from '../crypto/crypto.service';
import { WebhookDeliveryAttempt } from './entities/webhook-delivery-attempt.entity';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { assertPublicTarget, parseWebhookUrl, WebhookTargetError } from './ssrf-guard';
import { loadWebhookSettings, WebhookSettings } from './webhook-settings';
import {
  presentDelivery,
  presentWebhook,
  WebhookDeliveryResponse,
  WebhookResponse,
  webhookSecretAad,
  WebhookWithPingResponse,
} from './webhook.presenter';
import { WebhookLifecycleService } from './webhook-lifecycle.service';

@Injectable()
export class WebhookEndpointsService {
  private readonly settings: WebhookSettings;

  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
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
    const endpoint = await this.dataSource.transaction(async (manager) => {
      const id = randomUUID();
      await manager.insert(WebhookEndpoint, {
        id,
        url: url.toString(),
        events: dto.events,
        secretEncrypted: this.crypto.encrypt(dto.secret, webhookSecretAad(id)),
        isActive: true,
        consecutiveFailures: 0,
        disabledReason: null,
        disabledAt: null,
        createdBy: actor.id,
      });
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'webhook.created',
        targetType: 'webhook_endpoint',
        targetId: id,
        metadata: { events: dto.events.join(',') },
      });
      return manager.findOneByOrFail(WebhookEndpoint, { id });
    });
    return this.lifecycle.pingNew(actor, endpoint);
  }

  async list(query: PageQueryDto): Promise<Page<WebhookResponse>> {
    const limit = pageLimit(query.limit);
    const qb = this.dataSource.getRepository(WebhookEndpoint).createQueryBuilder('e');
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      qb.where('(e.created_at, e.id) < (:at, :id)', { at: after[0], id: after[1] });
    }
    const rows = await qb
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    return toPage(rows, limit, (e) => [e.createdAt.toISOString(), e.id], presentWebhook);
  }

  // Deleting an endpoint drops its pending deliveries too; queued jobs then find nothing to send.
  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.delete(WebhookEndpoint, { id });
      if (!result.affected) {
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
    if (!(await this.dataSource.getRepository(WebhookEndpoint).existsBy({ id: endpointId }))) {
      throw new NotFoundProblem('Webhook');
    }
    const limit = pageLimit(query.limit);
    const qb = this.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .where('d.endpoint_id = :endpointId', { endpointId });
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      qb.andWhere('(d.created_at, d.id) < (:at, :id)', { at: after[0], id: after[1] });
    }
    const rows = await qb
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const attempts = rows.length
      ? await this.dataSource.getRepository(WebhookDeliveryAttempt).find({
          where: { deliveryId: In(rows.map((d) => d.id)) },
          order: { attempt: 'ASC' },
        })
      : [];
    return toPage(
      rows,
      limit,
      (d) => [d.createdAt.toISOString(), d.id],
      (d) =>
        presentDelivery(
          d,
          attempts.filter((a) => a.deliveryId === d.id),
        ),
    );
  }
}
