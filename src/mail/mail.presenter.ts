import { ApiProperty } from '@nestjs/swagger';
import { MailMessage } from './entities/mail-message.entity';

export const PUBLIC_MAIL_STATUSES = ['queued', 'sent', 'failed', 'not_configured'] as const;
export type PublicMailStatus = (typeof PUBLIC_MAIL_STATUSES)[number];

export class MailMessageSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'null once an erasure notice has left',
  })
  to: string | null;
  @ApiProperty({ description: 'Template key, e.g. verify_email' }) template: string;
  @ApiProperty({ nullable: true, type: String }) subject: string | null;
  @ApiProperty({
    enum: PUBLIC_MAIL_STATUSES,
    description:
      'queued (waiting, being sent, or held until its event completes), sent, failed (permanent refusal, retries exhausted, or interrupted mid-send and not retried), not_configured (no SMTP_URL: kept for reading here)',
  })
  status: PublicMailStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sent_at: string | null;
  @ApiProperty({ nullable: true, type: String }) last_error: string | null;
}

export class MailMessageDetail extends MailMessageSummary {
  @ApiProperty({ nullable: true, type: String }) text: string | null;
  @ApiProperty({ nullable: true, type: String }) html: string | null;
  @ApiProperty({ description: 'The Message-ID header, the same on every attempt' })
  message_id: string;
  @ApiProperty({ enum: ['essential', 'reminder', 'staff'] }) category: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) send_after: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The SMTP server's acceptance reply" })
  smtp_response: string | null;
  @ApiProperty({ type: [String], description: 'File names of the attachments' })
  attachments: string[];
}

export class MailMessagePage {
  @ApiProperty({ type: [MailMessageSummary] }) items: MailMessageSummary[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

function publicStatus(message: MailMessage): PublicMailStatus {
  switch (message.status) {
    case 'held':
    case 'queued':
    case 'sending':
      return 'queued';
    case 'sent':
    case 'failed':
    case 'not_configured':
      return message.status;
  }
}

export function presentMailSummary(message: MailMessage): MailMessageSummary {
  return {
    id: message.id,
    to: message.recipient,
    template: message.template,
    subject: message.subject,
    status: publicStatus(message),
    attempts: message.attempts,
    created_at: message.createdAt.toISOString(),
    sent_at: message.sentAt?.toISOString() ?? null,
    last_error: message.lastError,
  };
}

export function presentMailDetail(message: MailMessage): MailMessageDetail {
  const attachments = message.attachments
    ? (JSON.parse(message.attachments) as { filename: string }[]).map((a) => a.filename)
    : [];
  return {
    ...presentMailSummary(message),
    text: message.textBody,
    html: message.htmlBody,
    message_id: message.messageId,
    category: message.category,
    send_after: message.sendAfter?.toISOString() ?? null,
    smtp_response: message.smtpResponse,
    attachments,
  };
}
