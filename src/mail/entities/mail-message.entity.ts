import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { EncryptedColumn } from '../../crypto/encrypted-column';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

// queued → sending → sent | failed; not_configured (no SMTP_URL); held (rendered, waiting for
// release: the erasure notice). See src/mail/README.md for the delivery guarantee.
export const MAIL_STATUSES = [
  'held',
  'queued',
  'sending',
  'sent',
  'failed',
  'not_configured',
] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

// essential: account and process mail the person cannot opt out of; reminder: non-essential,
// carries List-Unsubscribe and honours the recipient's preference; staff: notices to the team.
export const MAIL_CATEGORIES = ['essential', 'reminder', 'staff'] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];

export interface StoredAttachment {
  filename: string;
  contentType: string;
  content: string;
  // A calendar part (text/calendar; method=…) rather than a file only.
  method?: string;
}

// One rendered e-mail in the outbox and its delivery log. The recipient, the rendered parts, the
// attachments (an invitation names the person) and the unsubscribe link are sealed per row.
@Entity({ name: 'mail_messages' })
@Index('uq_mail_messages_event_key', ['eventKey'], { unique: true })
@Index('ix_mail_messages_created', ['createdAt', 'id'])
@Index('ix_mail_messages_subject_user', ['subjectUserId'])
@Index('ix_mail_messages_subject_candidate', ['subjectCandidateId'])
@Index('ix_mail_messages_queued', ['sendAfter'], { where: "status = 'queued'" })
export class MailMessage {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  @NotPersonalData('Event key made of a template key and ids, e.g. interview_invitation:<id>:<n>')
  eventKey: string;

  @Column({ type: 'varchar', length: 60 })
  @NotPersonalData('A template key')
  template: string;

  @Column({ type: 'varchar', length: 20 })
  @NotPersonalData('essential | reminder | staff')
  category: MailCategory;

  @Column({ type: 'varchar', length: 20 })
  @NotPersonalData('A delivery state')
  status: MailStatus;

  @EncryptedColumn()
  recipient: string | null;

  @EncryptedColumn()
  subject: string | null;

  @EncryptedColumn()
  textBody: string | null;

  @EncryptedColumn()
  htmlBody: string | null;

  // JSON of StoredAttachment[]: an invitation's .ics carries the person's name and address.
  @EncryptedColumn()
  attachments: string | null;

  @EncryptedColumn()
  unsubscribeUrl: string | null;

  // Keyed digest of the address: honours the reminder opt-out without opening the recipient.
  @Column({ type: 'varchar', length: 64, nullable: true })
  @NotPersonalData('Keyed digest (blind index) of the address; deleted with the row')
  recipientHash: string | null;

  // Our Message-ID, fixed at enqueue time, the same on every attempt: receivers can dedupe.
  @Column({ type: 'varchar', length: 200 })
  @NotPersonalData('<message id@host>, made of a random id')
  messageId: string;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @EncryptedColumn()
  lastError: string | null;

  // What the SMTP server answered on acceptance (e.g. "250 2.0.0 Ok: queued as 4F2A1").
  @Column({ type: 'varchar', length: 300, nullable: true })
  @NotPersonalData('The SMTP server reply code and queue id; addresses are stripped before storing')
  smtpResponse: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectCandidateId: string | null;

  // Drop the recipient and the rendered parts once the message leaves (the erasure notice: the
  // person asked for everything else to be gone).
  @Column({ type: 'boolean', default: false })
  scrubAfterSend: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  sendAfter: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  // Set by the service in milliseconds, so keyset cursors (ISO strings) compare exactly.
  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
