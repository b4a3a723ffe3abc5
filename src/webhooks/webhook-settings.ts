import { ConfigService } from '@nestjs/config';

export interface WebhookSettings {
  allowPrivateTargets: boolean;
  retryDelaySeconds: number;
  retryLimit: number;
  disableAfterFailures: number;
  timeoutMs: number;
}

function integer(config: ConfigService, name: string, fallback: number, min: number, max: number) {
  const raw = config.get<string>(name);
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Invalid configuration: ${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

// Read once at start-up; a malformed value stops the boot like the other settings do.
export function loadWebhookSettings(config: ConfigService): WebhookSettings {
  const allowPrivate = config.get<string>('WEBHOOKS_ALLOW_PRIVATE') ?? 'false';
  if (!['true', 'false'].includes(allowPrivate)) {
    throw new Error('Invalid configuration: WEBHOOKS_ALLOW_PRIVATE must be true or false');
  }
  return {
    allowPrivateTargets: allowPrivate === 'true',
    retryDelaySeconds: integer(config, 'WEBHOOK_RETRY_DELAY_SECONDS', 30, 1, 3600),
    retryLimit: integer(config, 'WEBHOOK_RETRY_LIMIT', 8, 0, 20),
    disableAfterFailures: integer(config, 'WEBHOOK_DISABLE_AFTER_FAILURES', 5, 1, 1000),
    timeoutMs: 5000,
  };
}
