import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Job } from 'pg-boss';
import { appConfig, mailConfig } from '../../config/namespaces';
import { QueueJob } from '../../queue/queue-job.decorator';
import type { QueueJobOptions } from '../../queue/queue-job.decorator';
import { MailMessage, StoredAttachment } from '../entities/mail-message.entity';
import { MailMetrics } from '../mail-metrics';
import { MailRepository } from '../mail.repository';
import type { DeliveryJob } from '../mail.service';
import { MAIL_DELIVERY_QUEUE, mailSettingsFrom, MailRuntimeSettings } from '../mail-settings';
import { classifySmtpError, OutgoingMail, SmtpTransport } from './smtp-transport';

export const INTERRUPTED_DELIVERY =
  'Interrupted while being handed to the SMTP server; not retried, so that it is never sent twice';

// The delivery worker. One message, one claim: the row moves queued → sending in its own
// committed statement before the SMTP conversation, and to sent/failed after it, so a retry or a
// second worker never starts a second conversation for the same message (src/mail/README.md).
@Injectable()
export class MailDeliveryService implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly settings: MailRuntimeSettings;
  private transport: SmtpTransport | null = null;

  constructor(
    private readonly repository: MailRepository,
    private readonly metrics: MailMetrics,
    @Inject(mailConfig.KEY) mail: ConfigType<typeof mailConfig>,
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
  ) {
    this.settings = mailSettingsFrom(mail, app);
  }

  // Retries and the expiry follow the configured SMTP settings.
  queueOptions(): QueueJobOptions {
    return {
      options: {
        retryLimit: this.settings.retryLimit,
        retryDelay: this.settings.retryDelaySeconds,
        retryBackoff: true,
        retryDelayMax: 3600,
        expireInSeconds: Math.ceil(this.settings.sendTimeoutMs / 1000) * 4 + 60,
      },
      concurrency: 4,
      drainBacklog: true,
    };
  }

  @QueueJob<MailDeliveryService>(MAIL_DELIVERY_QUEUE, (service) => service.queueOptions())
  async handle(data: DeliveryJob, job: Job<DeliveryJob>): Promise<void> {
    await this.deliver(data.message_id, job);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
    this.transport = null;
  }

  async deliver(messageId: string, job?: Job<DeliveryJob>): Promise<void> {
    if (!(await this.repository.claim(messageId))) {
      await this.onNotClaimed(messageId);
      return;
    }
    const message = await this.repository.findById(messageId);
    if (!message?.recipient || message.textBody === null || message.htmlBody === null) {
      return;
    }
    try {
      const response = await this.smtp().send(this.outgoing(message));
      await this.repository.markSent(message, response);
      this.metrics.sent.inc({ template: message.template });
    } catch (error) {
      const failure = classifySmtpError(error);
      const retriesLeft = (job?.retryCount ?? 0) < this.settings.retryLimit;
      if (failure.permanent || !retriesLeft) {
        await this.repository.markFailed(message, failure.message);
        this.metrics.failed.inc({ template: message.template });
        this.logger.warn(`Message ${message.id} (${message.template}) failed: ${failure.message}`);
        return;
      }
      await this.repository.markRetry(message.id, failure.message);
      throw new Error(`Delivery of ${message.id} will be retried: ${failure.message}`);
    }
  }

  // Not queued any more. Still 'sending' long after its claim means the worker died during the
  // SMTP conversation: whether the server accepted the message is unknown, and the guarantee is
  // at most once, so it is reported as failed rather than sent again.
  private async onNotClaimed(messageId: string): Promise<void> {
    const row = await this.repository.findById(messageId);
    if (row?.status !== 'sending' || !row.claimedAt) {
      return;
    }
    const staleAfter = this.settings.sendTimeoutMs * 3 + 5_000;
    if (Date.now() - row.claimedAt.getTime() < staleAfter) {
      throw new Error(`Message ${messageId} is being sent by another attempt`);
    }
    await this.repository.markFailed(row, INTERRUPTED_DELIVERY);
    this.metrics.failed.inc({ template: row.template });
  }

  private smtp(): SmtpTransport {
    if (!this.settings.smtpUrl) {
      throw new Error('SMTP_URL is not set');
    }
    this.transport ??= new SmtpTransport(this.settings.smtpUrl, this.settings.sendTimeoutMs);
    return this.transport;
  }

  private outgoing(message: MailMessage): OutgoingMail {
    const headers: Record<string, string> = {};
    if (message.unsubscribeUrl) {
      // RFC 2369 + RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to the URL.
      headers['List-Unsubscribe'] = `<${message.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    const attachments = message.attachments
      ? (JSON.parse(message.attachments) as StoredAttachment[])
      : [];
    return {
      from: this.settings.from,
      to: message.recipient!,
      subject: message.subject ?? '',
      text: message.textBody!,
      html: message.htmlBody!,
      messageId: message.messageId,
      headers,
      attachments: attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
      })),
    };
  }
}
