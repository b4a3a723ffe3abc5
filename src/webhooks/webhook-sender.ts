import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { performance } from 'node:perf_hooks';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { deliverWebhook, signWebhookBody } from './webhook-http';
import { loadWebhookSettings, WebhookSettings } from './webhook-settings';

export interface AttemptResult {
  statusCode: number | null;
  // Null when the receiver answered 2xx.
  error: string | null;
  durationMs: number;
}

export interface OutboundDelivery {
  id: string;
  event: string;
  body: string;
}

// One signed POST of a delivery to its endpoint, through the SSRF guard (checked before and
// again at connect time). Never throws: the outcome says what happened.
@Injectable()
export class WebhookSender {
  readonly settings: WebhookSettings;

  constructor(config: ConfigService) {
    this.settings = loadWebhookSettings(config);
  }

  async send(endpoint: WebhookEndpoint, delivery: OutboundDelivery): Promise<AttemptResult> {
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      statusCode = await deliverWebhook(new URL(endpoint.url), delivery.body, {
        headers: {
          'x-panelist-signature': signWebhookBody(endpoint.secret, delivery.body),
          'x-panelist-delivery': delivery.id,
          'x-panelist-event': delivery.event,
          'x-panelist-timestamp': String(Math.floor(Date.now() / 1000)),
        },
        timeoutMs: this.settings.timeoutMs,
        allowPrivate: this.settings.allowPrivateTargets,
      });
      if (statusCode < 200 || statusCode >= 300) {
        error = `HTTP ${statusCode}`;
      }
    } catch (caught) {
      error = (caught as Error).message || 'network error';
    }
    return { statusCode, error, durationMs: Math.round(performance.now() - started) };
  }
}
