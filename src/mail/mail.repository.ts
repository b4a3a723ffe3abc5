import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { MailMessage, MailStatus } from './entities/mail-message.entity';
import { MailPreference } from './entities/mail-preference.entity';
import { MailTemplate } from './entities/mail-template.entity';

export interface SubjectIds {
  userId: string | null;
  candidateId: string | null;
}

// Every query of the mail module's tables. Writes that carry encrypted columns go through the
// entity manager (the encrypted-columns subscriber seals them, the id travels with the values).
@Injectable()
export class MailRepository {
  constructor(
    @InjectRepository(MailMessage) private readonly messages: Repository<MailMessage>,
    @InjectRepository(MailTemplate) private readonly templates: Repository<MailTemplate>,
    @InjectRepository(MailPreference) private readonly preferences: Repository<MailPreference>,
  ) {}

  private on(manager: EntityManager | undefined): EntityManager {
    return manager ?? this.messages.manager;
  }

  // ON CONFLICT (event_key) DO NOTHING: the same event never makes a second message.
  async insertOnce(manager: EntityManager, message: MailMessage): Promise<MailMessage> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(MailMessage)
      .values(message)
      .orIgnore()
      .execute();
    return manager.findOneByOrFail(MailMessage, { eventKey: message.eventKey });
  }

  findById(id: string, manager?: EntityManager): Promise<MailMessage | null> {
    return this.on(manager).findOneBy(MailMessage, { id });
  }

  findByEventKey(eventKey: string, manager?: EntityManager): Promise<MailMessage | null> {
    return this.on(manager).findOneBy(MailMessage, { eventKey });
  }

  // The claim that makes delivery at-most-once: only one attempt can move a row out of queued.
  async claim(id: string): Promise<boolean> {
    const [rows] = await this.messages.query<[{ id: string }[], number]>(
      `UPDATE mail_messages SET status = 'sending', attempts = attempts + 1, claimed_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'queued' RETURNING id`,
      [id],
    );
    return rows.length === 1;
  }

  async markSent(message: MailMessage, smtpResponse: string | null): Promise<void> {
    const scrub = message.scrubAfterSend
      ? { recipient: null, subject: null, textBody: null, htmlBody: null, attachments: null }
      : {};
    await this.messages.update(
      { id: message.id },
      {
        id: message.id,
        status: 'sent',
        sentAt: new Date(),
        smtpResponse,
        lastError: null,
        ...scrub,
      },
    );
  }

  async markRetry(id: string, error: string): Promise<void> {
    await this.messages.update({ id }, { id, status: 'queued', lastError: error });
  }

  async markFailed(message: MailMessage, error: string): Promise<void> {
    const scrub = message.scrubAfterSend
      ? { recipient: null, subject: null, textBody: null, htmlBody: null, attachments: null }
      : {};
    await this.messages.update(
      { id: message.id },
      { id: message.id, status: 'failed', lastError: error, ...scrub },
    );
  }

  // Before it was claimed only: a message already on its way cannot be called back.
  async deleteUnsent(manager: EntityManager, eventKeyPrefix: string): Promise<number> {
    const pattern = `${eventKeyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const result = await manager.query<[unknown[], number]>(
      `DELETE FROM mail_messages WHERE event_key LIKE $1 AND status IN ('held', 'queued', 'not_configured')`,
      [pattern],
    );
    return result[1] ?? 0;
  }

  async release(
    manager: EntityManager,
    eventKey: string,
    status: MailStatus,
  ): Promise<string | null> {
    // A message that must not outlive its sending, with nothing to send it (no SMTP), is
    // dropped down to its delivery record at once.
    const rows = await manager.query<[{ id: string }[], number]>(
      `UPDATE mail_messages SET status = $2::varchar, updated_at = now(),
              recipient_encrypted = CASE WHEN $2::varchar = 'not_configured' AND scrub_after_send THEN NULL ELSE recipient_encrypted END,
              subject_encrypted = CASE WHEN $2::varchar = 'not_configured' AND scrub_after_send THEN NULL ELSE subject_encrypted END,
              text_body_encrypted = CASE WHEN $2::varchar = 'not_configured' AND scrub_after_send THEN NULL ELSE text_body_encrypted END,
              html_body_encrypted = CASE WHEN $2::varchar = 'not_configured' AND scrub_after_send THEN NULL ELSE html_body_encrypted END
        WHERE event_key = $1 AND status = 'held' RETURNING id`,
      [eventKey, status],
    );
    return rows[0][0]?.id ?? null;
  }

  async page(
    limit: number,
    after: [string, string] | null,
    filter: { template?: string; status?: MailStatus[] },
  ): Promise<MailMessage[]> {
    const query = this.messages
      .createQueryBuilder('m')
      .where('true')
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(limit + 1);
    if (after) {
      query.andWhere('(m.created_at, m.id) < (:at, :id)', { at: after[0], id: after[1] });
    }
    if (filter.template) {
      query.andWhere('m.template = :template', { template: filter.template });
    }
    if (filter.status) {
      query.andWhere('m.status IN (:...status)', { status: filter.status });
    }
    return query.getMany();
  }

  async oldestQueued(): Promise<{ count: number; oldest: Date | null }> {
    const [row] = await this.messages.query<{ count: string; oldest: Date | null }[]>(
      `SELECT count(*) AS count, min(coalesce(send_after, created_at)) AS oldest
         FROM mail_messages WHERE status IN ('queued', 'sending')
          AND coalesce(send_after, created_at) <= now()`,
    );
    return { count: Number(row.count), oldest: row.oldest };
  }

  // Templates: the job's own, else the global edit, else none (the shipped default applies).
  // Inside a transaction, on its connection: taking a second pooled connection there starved the
  // pool (32 concurrent applications each held one and waited for another, bench/RESULTS.md).
  findTemplate(
    key: string,
    jobId: string | null,
    manager?: EntityManager,
  ): Promise<MailTemplate | null> {
    return (manager ? manager.getRepository(MailTemplate) : this.templates)
      .createQueryBuilder('t')
      .where('t.key = :key', { key })
      .andWhere(jobId ? 't.job_id = :jobId' : 't.job_id IS NULL', { jobId })
      .getOne();
  }

  listGlobalTemplates(): Promise<MailTemplate[]> {
    return this.templates.createQueryBuilder('t').where('t.job_id IS NULL').getMany();
  }

  listJobTemplates(jobId: string): Promise<MailTemplate[]> {
    return this.templates.findBy({ jobId });
  }

  async saveTemplate(row: MailTemplate): Promise<void> {
    const existing = await this.findTemplate(row.key, row.jobId);
    await this.templates.save({ ...row, id: existing?.id ?? row.id });
  }

  async deleteTemplate(key: string, jobId: string | null): Promise<boolean> {
    const existing = await this.findTemplate(key, jobId);
    if (existing) {
      await this.templates.delete({ id: existing.id });
    }
    return !!existing;
  }

  async remindersOptedOut(recipientHash: string, manager?: EntityManager): Promise<boolean> {
    const row = await this.on(manager).findOneBy(MailPreference, { recipientHash });
    return row?.remindersOptOut ?? false;
  }

  async setRemindersOptOut(recipientHash: string, optOut: boolean): Promise<void> {
    await this.preferences.upsert({ recipientHash, remindersOptOut: optOut }, ['recipientHash']);
  }

  // Personal data: the messages about a person (by account or candidate record).
  forSubject(subject: SubjectIds, manager?: EntityManager): Promise<MailMessage[]> {
    return this.on(manager)
      .getRepository(MailMessage)
      .createQueryBuilder('m')
      .where('m.subject_user_id = :user OR m.subject_candidate_id = :candidate', {
        user: subject.userId ?? '00000000-0000-0000-0000-000000000000',
        candidate: subject.candidateId ?? '00000000-0000-0000-0000-000000000000',
      })
      .orderBy('m.created_at', 'ASC')
      .getMany();
  }

  async deleteMessages(manager: EntityManager, ids: string[]): Promise<number> {
    if (ids.length === 0) {
      return 0;
    }
    const result = await manager.query<[unknown[], number]>(
      `DELETE FROM mail_messages WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return result[1] ?? 0;
  }

  async deletePreferences(manager: EntityManager, hashes: string[]): Promise<number> {
    if (hashes.length === 0) {
      return 0;
    }
    const result = await manager.query<[unknown[], number]>(
      `DELETE FROM mail_preferences WHERE recipient_hash = ANY($1::varchar[])`,
      [hashes],
    );
    return result[1] ?? 0;
  }

  // Retention: finished messages older than the cutoff, a batch at a time.
  async deleteFinishedBefore(cutoff: Date, batchSize: number, dryRun: boolean): Promise<number> {
    if (dryRun) {
      const [row] = await this.messages.query<{ count: string }[]>(
        `SELECT count(*) AS count FROM mail_messages
          WHERE status IN ('sent', 'failed', 'not_configured') AND created_at < $1`,
        [cutoff],
      );
      return Number(row.count);
    }
    let total = 0;
    for (;;) {
      const result = await this.messages.query<[unknown[], number]>(
        `DELETE FROM mail_messages WHERE id IN (
           SELECT id FROM mail_messages
            WHERE status IN ('sent', 'failed', 'not_configured') AND created_at < $1
            LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [cutoff, batchSize],
      );
      total += result[1] ?? 0;
      if ((result[1] ?? 0) < batchSize) {
        return total;
      }
    }
  }
}
