import { ApiProperty } from '@nestjs/swagger';
import { WebhookDeliveryAttempt } from './entities/webhook-delivery-attempt.entity';
import { DELIVERY_STATUSES, WebhookDelivery } from './entities/webhook-delivery.entity';
import type { DeliveryStatus } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { PING_EVENT, WEBHOOK_EVENTS } from './webhook-events';

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events: string[];
  @ApiProperty({ description: 'False once disabled after repeated failed deliveries' })
  is_active: boolean;
  @ApiProperty({ nullable: true, type: String }) disabled_reason: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) disabled_at: string | null;
  @ApiProperty() consecutive_failures: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) created_by: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class PingResult {
  @ApiProperty({ format: 'uuid', description: 'The ping in the delivery log' }) delivery_id: string;
  @ApiProperty({ description: 'True when the endpoint answered 2xx' }) delivered: boolean;
  @ApiProperty({ nullable: true, type: Number }) status_code: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the ping failed' })
  error: string | null;
  @ApiProperty() duration_ms: number;
}

export class WebhookWithPingResponse extends WebhookResponse {
  @ApiProperty({
    type: PingResult,
    description:
      'The ping sent to the endpoint; when it failed, the endpoint is disabled (is_active false) and disabled_reason says why',
  })
  ping: PingResult;
}

export class WebhookPageResponse {
  @ApiProperty({ type: [WebhookResponse] }) items: WebhookResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

export class WebhookAttemptResponse {
  @ApiProperty() attempt: number;
  @ApiProperty({ nullable: true, type: Number }) status_code: number | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty() duration_ms: number;
  @ApiProperty({ format: 'date-time' }) attempted_at: string;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid', description: 'Sent as X-Panelist-Delivery on every attempt' })
  id: string;
  @ApiProperty({ enum: [...WEBHOOK_EVENTS, PING_EVENT] }) event: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: Number }) last_status_code: number | null;
  @ApiProperty({ nullable: true, type: String }) last_error: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) delivered_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Of the latest attempt' })
  status_code: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Of the latest attempt' })
  duration_ms: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Of the latest attempt' })
  error: string | null;
  @ApiProperty({ type: [WebhookAttemptResponse] }) attempt_log: WebhookAttemptResponse[];
}

export class WebhookDeliveryPageResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items: WebhookDeliveryResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

// The secret is write-only: it is never part of any response.
export function presentWebhook(e: WebhookEndpoint): WebhookResponse {
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    is_active: e.isActive,
    disabled_reason: e.disabledReason,
    disabled_at: e.disabledAt ? e.disabledAt.toISOString() : null,
    consecutive_failures: e.consecutiveFailures,
    created_by: e.createdBy,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

export function presentDelivery(
  d: WebhookDelivery,
  attempts: WebhookDeliveryAttempt[],
): WebhookDeliveryResponse {
  const latest = attempts.length ? attempts[attempts.length - 1] : null;
  return {
    id: d.id,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    last_status_code: d.lastStatusCode,
    last_error: d.lastError,
    delivered_at: d.deliveredAt ? d.deliveredAt.toISOString() : null,
    created_at: d.createdAt.toISOString(),
    status_code: latest ? latest.statusCode : null,
    duration_ms: latest ? latest.durationMs : null,
    error: latest ? latest.error : null,
    attempt_log: attempts.map((a) => ({
      attempt: a.attempt,
      status_code: a.statusCode,
      error: a.error,
      duration_ms: a.durationMs,
      attempted_at: a.attemptedAt.toISOString(),
    })),
  };
}
