import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { appConfig, mailConfig } from '../config/namespaces';
import { CryptoService } from '../crypto/crypto.service';
import { QueueService } from '../queue/queue.service';
import { MailCategory, MailMessage, MailStatus } from './entities/mail-message.entity';
import { MailRepository } from './mail.repository';
import { MAIL_DELIVERY_QUEUE, mailSettingsFrom, MailRuntimeSettings } from './mail-settings';
import { MailTemplatesService } from './templates/mail-templates.service';
import { TemplateKey, TemplateVariables } from './templates/template-keys';
import { unsubscribeToken } from './unsubscribe-token';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface MailRequest {
  template: TemplateKey;
  to: string;
  variables: TemplateVariables;
  // One message per event key, ever: a retried transaction or a repeated event finds the first.
  eventKey: string;
  category: MailCategory;
  attachments?: MailAttachment[];
  sendAt?: Date;
  // The job whose own wording applies (rejection and invitation), when it has one.
  jobId?: string | null;
  // Whose personal data this message is (export and erasure find it by these).
  subject?: { userId?: string | null; candidateId?: string | null };
  // Rendered and stored now, sent only after release() (the erasure notice).
  hold?: boolean;
  // Drop the recipient and the rendered parts once the message has left.
  scrubAfterSend?: boolean;
}

export interface EnqueuedMail {
  id: string;
  status: MailStatus;
  created: boolean;
}

export type DeliveryJob = { message_id: string };

export function mailDeliveryJob(id: string): DeliveryJob {
  return { message_id: id };
}

// Control characters in an address could forge headers; such a message is refused at the source.
const UNSAFE_ADDRESS = /[\u0000-\u001f\u007f\u2028\u2029]/;

// The outbox. enqueue() renders the message and stores it in the caller's transaction, with the
// delivery job, so a message exists exactly when the event that caused it committed.
@Injectable()
export class MailService {
  private readonly settings: MailRuntimeSettings;

  constructor(
    private readonly repository: MailRepository,
    private readonly templates: MailTemplatesService,
    private readonly crypto: CryptoService,
    private readonly queue: QueueService,
    @Inject(mailConfig.KEY) mail: ConfigType<typeof mailConfig>,
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
  ) {
    this.settings = mailSettingsFrom(mail, app);
  }

  get publicUrl(): string {
    return this.settings.publicUrl;
  }

  get configured(): boolean {
    return this.settings.smtpUrl !== null;
  }

  // A link into the product: PUBLIC_URL + path.
  link(path: string): string {
    return `${this.settings.publicUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  recipientHash(address: string): string {
    return this.crypto.blindIndex('mail-recipient', CryptoService.normaliseEmail(address));
  }

  // Returns null when nothing is stored: the address opted out of this kind of mail.
  async enqueue(manager: EntityManager, request: MailRequest): Promise<EnqueuedMail | null> {
    if (!request.to || UNSAFE_ADDRESS.test(request.to)) {
      throw new Error(`${request.template}: refusing an empty or unsafe recipient address`);
    }
    const existing = await this.repository.findByEventKey(request.eventKey, manager);
    if (existing) {
      return { id: existing.id, status: existing.status, created: false };
    }
    const recipientHash = this.recipientHash(request.to);
    if (
      request.category === 'reminder' &&
      (await this.repository.remindersOptedOut(recipientHash, manager))
    ) {
      return null;
    }
    const id = randomUUID();
    const unsubscribeUrl =
      request.category === 'reminder'
        ? this.link(`/api/mail/unsubscribe?token=${unsubscribeToken(this.crypto, recipientHash)}`)
        : null;
    const variables: TemplateVariables = {
      app_name: 'Panelist',
      public_url: this.settings.publicUrl,
      ...request.variables,
      ...(unsubscribeUrl ? { unsubscribe_url: unsubscribeUrl } : {}),
    };
    const rendered = await this.templates.render(
      request.template,
      variables,
      request.jobId ?? null,
      manager,
    );
    const status: MailStatus = request.hold
      ? 'held'
      : this.configured
        ? 'queued'
        : 'not_configured';
    const row = manager.create(MailMessage, {
      id,
      eventKey: request.eventKey,
      template: request.template,
      category: request.category,
      status,
      recipient: request.to.trim(),
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      attachments: request.attachments?.length ? JSON.stringify(request.attachments) : null,
      unsubscribeUrl,
      recipientHash,
      messageId: `<${id}@${this.settings.messageIdHost}>`,
      attempts: 0,
      lastError: null,
      smtpResponse: null,
      subjectUserId: request.subject?.userId ?? null,
      subjectCandidateId: request.subject?.candidateId ?? null,
      scrubAfterSend: request.scrubAfterSend ?? false,
      sendAfter: request.sendAt ?? null,
      claimedAt: null,
      sentAt: null,
      createdAt: new Date(),
    });
    const stored = await this.repository.insertOnce(manager, row);
    const created = stored.id === id;
    if (created && status === 'queued') {
      await this.scheduleDelivery(manager, id, request.sendAt);
    }
    return { id: stored.id, status: stored.status, created };
  }

  // Withdraws the messages of these events that have not started to leave (an un-rejected
  // application's note); returns how many. A message already being sent cannot be called back.
  cancelPending(manager: EntityManager, eventKeyPrefix: string): Promise<number> {
    return this.repository.deleteUnsent(manager, eventKeyPrefix);
  }

  // Sends a held message (in the caller's transaction).
  async release(manager: EntityManager, eventKey: string): Promise<void> {
    const status: MailStatus = this.configured ? 'queued' : 'not_configured';
    const id = await this.repository.release(manager, eventKey, status);
    if (id && status === 'queued') {
      await this.scheduleDelivery(manager, id);
    }
  }

  private async scheduleDelivery(manager: EntityManager, id: string, sendAt?: Date): Promise<void> {
    await this.queue.enqueue<DeliveryJob>(MAIL_DELIVERY_QUEUE, mailDeliveryJob(id), {
      manager,
      startAfter: sendAt && sendAt.getTime() > Date.now() ? sendAt : undefined,
    });
  }
}
