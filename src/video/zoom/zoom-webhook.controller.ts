import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/policy.decorators';
import { ZoomWebhookService } from './zoom-webhook.service';
import type { ZoomWebhookAnswer } from './zoom-webhook.service';
import { ApiProblems } from '../../common/openapi/api-docs.decorators';

@ApiTags('video')
@Controller('video/zoom')
export class ZoomWebhookController {
  constructor(private readonly webhooks: ZoomWebhookService) {}

  @Post('webhook')
  @ApiProblems({
    401: 'Missing or wrong x-zm-signature, or a timestamp more than 5 minutes off (INVALID_WEBHOOK_SIGNATURE)',
    503: 'ZOOM_WEBHOOK_SECRET_TOKEN is not configured (ZOOM_NOT_CONFIGURED)',
  })
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Zoom event notifications',
    description:
      'Verified with `x-zm-signature` = `v0=` + hex HMAC-SHA256(ZOOM_WEBHOOK_SECRET_TOKEN, `v0:{x-zm-request-timestamp}:{raw body}`); a missing or wrong signature, or a timestamp more than 5 minutes off → 401. `endpoint.url_validation` is answered with `{ plainToken, encryptedToken }`. `recording.completed`, `meeting.started` and `meeting.ended` are stored once (a replayed delivery answers `duplicate`) and processed by the queue. Without ZOOM_WEBHOOK_SECRET_TOKEN → 503.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      properties: { event: { type: 'string' }, event_ts: { type: 'number' }, payload: {} },
    },
  })
  @ApiOkResponse({
    schema: {
      oneOf: [
        {
          type: 'object',
          properties: { plainToken: { type: 'string' }, encryptedToken: { type: 'string' } },
        },
        {
          type: 'object',
          properties: { status: { type: 'string', enum: ['accepted', 'duplicate', 'ignored'] } },
        },
      ],
    },
  })
  receive(
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Headers('x-zm-signature') signature: string | undefined,
    @Headers('x-zm-request-timestamp') timestamp: string | undefined,
  ): Promise<ZoomWebhookAnswer> {
    return this.webhooks.receive(request.rawBody, signature, timestamp);
  }
}
