import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
// The personal-data registry's contract (interfaces and the discovery marker only; the mail
// module depends on no GDPR service).
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataHandler,
  PersonalDataProvider,
  PersonalDataSubject,
  RetentionContext,
} from '../kernel/personal-data/personal-data-handler';
import { MailRepository } from './mail.repository';

// Messages to and about a person: the copy shows each message as it was sent (recipient,
// subject, both parts, delivery state); erasure deletes them and the person's reminder
// preference. Messages with no subject ids (the erasure notice itself) are scrubbed once sent.
@Injectable()
@PersonalDataProvider()
export class MailPersonalData implements PersonalDataHandler {
  readonly name = 'mail';
  readonly tables = { mail_messages: 'rows', mail_preferences: 'rows' } as const;
  readonly retention = {
    mail: (context: RetentionContext) =>
      this.repository.deleteFinishedBefore(context.cutoff, context.batchSize, context.dryRun),
  };

  constructor(private readonly repository: MailRepository) {}

  async export(subject: PersonalDataSubject, manager?: EntityManager): Promise<PersonalDataExport> {
    const rows = await this.repository.forSubject(subject, manager);
    return {
      records: {
        emails: rows.map((m) => ({
          id: m.id,
          template: m.template,
          to: m.recipient,
          subject: m.subject,
          text: m.textBody,
          html: m.htmlBody,
          status: m.status,
          attempts: m.attempts,
          created_at: m.createdAt,
          sent_at: m.sentAt,
        })),
      },
    };
  }

  async erase(subject: PersonalDataSubject, manager: EntityManager): Promise<ErasureCounts> {
    const rows = await this.repository.forSubject(subject, manager);
    const hashes = [...new Set(rows.map((m) => m.recipientHash).filter((h): h is string => !!h))];
    const preferences = await this.repository.deletePreferences(manager, hashes);
    const emails = await this.repository.deleteMessages(
      manager,
      rows.map((m) => m.id),
    );
    return { emails, mail_preferences: preferences };
  }
}
