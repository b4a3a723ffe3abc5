import { ApiProperty } from '@nestjs/swagger';
import { CryptoService } from '../crypto/crypto.service';
import { WebhookDeliveryAttempt } from './entities/webhook-delivery-attempt.entity';
import { DELIVERY_STATUSES, WebhookDelivery } from './entities/webhook-delivery.entity';
import type { DeliveryStatus } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { WEBHOOK_EVENTS } from './webhook-events';

export function webhookSecretAad(endpointId: string): string {
  return CryptoService.fieldAad('webhook_endpoints', 'secret', endpointId);
}

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
  @ApiProperty({ enum: WEBHOOK_EVENTS }) event: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: Number }) last_status_code: number | null;
  @ApiProperty({ nullable: true, type: String }) last_error: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) delivered_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
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
  return {
    id: d.id,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    last_status_code: d.lastStatusCode,
    last_error: d.lastError,
    delivered_at: d.deliveredAt ? d.deliveredAt.toISOString() : null,
    created_at: d.createdAt.toISOString(),
    attempt_log: attempts.map((a) => ({
      attempt: a.attempt,
      status_code: a.statusCode,
      error: a.error,
      duration_ms: a.durationMs,
      attempted_at: a.attemptedAt.toISOString(),
    })),
  };
}
