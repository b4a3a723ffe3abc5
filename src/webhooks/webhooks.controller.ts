import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi/api-docs.decorators';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { Page, PageQueryDto } from '../common/pagination/cursor';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookLifecycleService } from './webhook-lifecycle.service';
import {
  WebhookDeliveryPageResponse,
  WebhookDeliveryResponse,
  WebhookPageResponse,
  WebhookResponse,
  WebhookWithPingResponse,
} from './webhook.presenter';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';

const SIGNING = `Each delivery is a JSON POST \`{ id, event, occurred_at, data }\` with headers X-Panelist-Signature (\`sha256=<hex HMAC-SHA256(secret, raw body)>\`), X-Panelist-Delivery (the delivery id, the same on every retry), X-Panelist-Event and X-Panelist-Timestamp. Non-2xx answers are retried with exponential back-off; repeated failed deliveries disable the endpoint.`;

@ApiTags('webhooks')
@ApiScope('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(
    private readonly webhooks: WebhookEndpointsService,
    private readonly lifecycle: WebhookLifecycleService,
  ) {}

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Register an outbound webhook',
    description: `${SIGNING} URLs resolving to loopback, private or link-local addresses are refused. A \`ping\` event is sent first (logged as a delivery): when it does not get a 2xx answer the endpoint is created disabled, with \`disabled_reason\` and \`ping.error\` saying why; enable it later with POST /api/webhooks/{id}/enable.`,
  })
  @ApiCreatedResponse({ type: WebhookWithPingResponse })
  register(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateWebhookDto,
  ): Promise<WebhookWithPingResponse> {
    return this.webhooks.register(actor, dto);
  }

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'List webhooks (secrets are never returned)', description: SIGNING })
  @ApiOkResponse({ type: WebhookPageResponse })
  list(@Query() query: PageQueryDto): Promise<Page<WebhookResponse>> {
    return this.webhooks.list(query);
  }

  @Get(':id/deliveries')
  @Roles(Role.Admin)
  @ApiOperation({ summary: "A webhook's deliveries with every attempt, newest first" })
  @ApiOkResponse({ type: WebhookDeliveryPageResponse })
  deliveries(
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<WebhookDeliveryResponse>> {
    return this.webhooks.deliveries(id, query);
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @Roles(Role.Admin)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a logged delivery again',
    description:
      'Queued at once with the same delivery id and signed body (receivers that deduplicate by X-Panelist-Delivery see the same id) and a fresh set of retries; its attempts join the same log entry.',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse })
  @ApiProblems({
    404: 'No such webhook, or no such delivery of it',
    409: 'The endpoint is disabled (WEBHOOK_DISABLED) or the delivery is still being sent (DELIVERY_IN_PROGRESS)',
  })
  replay(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Param('deliveryId', ParseUuidPipe) deliveryId: string,
  ): Promise<WebhookDeliveryResponse> {
    return this.lifecycle.replay(actor, id, deliveryId);
  }

  @Post(':id/enable')
  @Roles(Role.Admin)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-enable a disabled webhook after a successful ping',
    description:
      'Sends a `ping` (logged as a delivery). A 2xx answer turns the endpoint on and resets its failure count; otherwise it stays disabled (409 WEBHOOK_PING_FAILED, with the ping in the problem).',
  })
  @ApiOkResponse({ type: WebhookWithPingResponse })
  @ApiProblems({ 409: 'The ping failed (WEBHOOK_PING_FAILED): the endpoint stays disabled' })
  enable(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<WebhookWithPingResponse> {
    return this.lifecycle.enable(actor, id);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a webhook and its pending deliveries' })
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted, with its pending deliveries' })
  async remove(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<void> {
    await this.webhooks.remove(actor, id);
  }
}
