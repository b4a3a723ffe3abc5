export const WEBHOOK_EVENTS = [
  'application.created',
  'application.stage_changed',
  'application.rejected',
  'application.hired',
  'interview.scheduled',
  'interview.completed',
  'candidate.erased',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

// Sent on creation and on re-enabling, to that endpoint only; never subscribed to.
export const PING_EVENT = 'ping';

// Payloads carry ids, stages and timestamps only: receivers fetch personal data through the API.
export type WebhookPayload = Record<string, string | number | boolean | null>;

export const WEBHOOK_DELIVERY_QUEUE = 'webhook-delivery';

export interface WebhookDeliveryJob {
  delivery_id: string;
}
