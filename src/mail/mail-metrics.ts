import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { MailRepository } from './mail.repository';

// Sent and failed messages by template, and the age of the oldest message waiting to go
// (sampled at scrape time): a growing age means delivery is stuck.
@Injectable()
export class MailMetrics {
  readonly sent: Counter<'template'>;
  readonly failed: Counter<'template'>;

  constructor(metrics: MetricsService, repository: MailRepository) {
    this.sent = new Counter({
      name: 'panelist_mail_sent_total',
      help: 'E-mails accepted by the SMTP server, by template',
      labelNames: ['template'] as const,
      registers: [metrics.registry],
    });
    this.failed = new Counter({
      name: 'panelist_mail_failed_total',
      help: 'E-mails given up on (permanent SMTP refusal or retries exhausted), by template',
      labelNames: ['template'] as const,
      registers: [metrics.registry],
    });
    const waiting = new Gauge({
      name: 'panelist_mail_queued',
      help: 'E-mails due and not yet sent',
      registers: [metrics.registry],
    });
    new Gauge({
      name: 'panelist_mail_queue_age_seconds',
      help: 'Age of the oldest e-mail that is due and not yet sent (0 when none)',
      registers: [metrics.registry],
      async collect() {
        try {
          const { count, oldest } = await repository.oldestQueued();
          waiting.set(count);
          this.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
        } catch {
          // Scrapes keep working while the database is away; the value is simply not refreshed.
        }
      },
    });
  }
}
