import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { Page, PageQueryDto } from '../common/pagination/cursor';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import {
  WebhookDeliveryPageResponse,
  WebhookDeliveryResponse,
  WebhookPageResponse,
  WebhookResponse,
} from './webhook.presenter';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';

const SIGNING = `Each delivery is a JSON POST \`{ id, event, occurred_at, data }\` with headers X-Panelist-Signature (\`sha256=<hex HMAC-SHA256(secret, raw body)>\`), X-Panelist-Delivery (the delivery id, the same on every retry), X-Panelist-Event and X-Panelist-Timestamp. Non-2xx answers are retried with exponential back-off; repeated failed deliveries disable the endpoint.`;

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookEndpointsService) {}

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Register an outbound webhook',
    description: `${SIGNING} URLs resolving to loopback, private or link-local addresses are refused.`,
  })
  @ApiCreatedResponse({ type: WebhookResponse })
  register(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateWebhookDto,
  ): Promise<WebhookResponse> {
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
