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

// Payloads carry ids, stages and timestamps only: receivers fetch personal data through the API.
export type WebhookPayload = Record<string, string | number | boolean | null>;

export const WEBHOOK_DELIVERY_QUEUE = 'webhook-delivery';

export interface WebhookDeliveryJob {
  delivery_id: string;
}
