import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Page, pageLimit } from '../common/pagination/cursor';
import { keysetPage } from '../common/pagination/keyset';
import {
  applySyncWindow,
  SyncPageQueryDto,
  syncPage,
  syncWindow,
} from '../common/pagination/sync-window';
import { CryptoService } from '../crypto/crypto.service';
import { encryptedField, encryptedFieldAad, sealValue } from '../crypto/encrypted-column';
import { Candidate } from './entities/candidate.entity';

// A new person record's identifying columns; email, name and phone are sealed here because the
// inserts are raw SQL (ON CONFLICT … DO NOTHING), which the encrypted-columns subscriber never sees.
export interface NewCandidate {
  id: string;
  userId?: string;
  emailHash: string;
  email: string;
  fullName: string | null;
  phone: string | null;
  nameTokens: string[];
}

// Staff search over people: the keyed digests a free-text query matches, skill keys (null: no
// skill filter; empty: unusable skill names, which match no one), an application's job or stage.
export interface CandidateFilter {
  text: {
    emailHash: string;
    tokens: string[];
    position: string[];
    company: string[];
    qKeys: string[];
  } | null;
  skillKeys: string[] | null;
  jobId?: string;
  stage?: string;
}

const FORMER_APPLICANT = `c.erased_at IS NULL AND NOT c.legal_hold AND NOT c.talent_pool
  AND EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = c.id)
  AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = c.id
    AND (a.status <> ALL($2::text[]) OR a.stage_entered_at >= $1))`;

@Injectable()
export class CandidatesRepository {
  constructor(
    @InjectRepository(Candidate) private readonly rows: Repository<Candidate>,
    private readonly crypto: CryptoService,
  ) {}

  private on(manager: EntityManager | undefined): EntityManager {
    return manager ?? this.rows.manager;
  }

  findById(id: string, manager?: EntityManager): Promise<Candidate | null> {
    return this.on(manager).findOneBy(Candidate, { id });
  }

  findByUserId(userId: string, manager?: EntityManager): Promise<Candidate | null> {
    return this.on(manager).findOneBy(Candidate, { userId });
  }

  // An address may name two records (an account's and an unclaimed one): the account's first.
  findByEmailHash(emailHash: string, manager?: EntityManager): Promise<Candidate | null> {
    return this.on(manager).findOne(Candidate, {
      where: { emailHash },
      order: { userId: { direction: 'ASC', nulls: 'LAST' } },
    });
  }

  // Unerased people, newest first, or by change for an incremental sync (`updated_after`).
  async search<T>(
    filter: CandidateFilter,
    page: SyncPageQueryDto,
    present: (candidate: Candidate) => T,
  ): Promise<Page<T>> {
    const qb = this.rows.createQueryBuilder('c').where('c.erased_at IS NULL');
    if (filter.text) {
      qb.andWhere(
        `(c.email_hash = :emailHash OR (cardinality(:tokens::text[]) > 0 AND c.name_tokens @> :tokens::text[])
          OR (cardinality(:position::text[]) > 0 AND c.current_position_tokens @> :position::text[])
          OR (cardinality(:company::text[]) > 0 AND c.current_company_tokens @> :company::text[])
          OR (cardinality(:qKeys::text[]) > 0 AND c.skill_keys @> :qKeys::text[]))`,
        filter.text,
      );
    }
    if (filter.skillKeys) {
      if (filter.skillKeys.length > 0) {
        qb.andWhere('c.skill_keys @> :keys::text[]', { keys: filter.skillKeys });
      } else {
        qb.andWhere('false');
      }
    }
    if (filter.jobId || filter.stage) {
      const conditions = ['a.candidate_id = c.id'];
      if (filter.jobId) {
        conditions.push('a.job_id = :jobId');
      }
      if (filter.stage) {
        conditions.push('a.stage = :stage');
      }
      qb.andWhere(`EXISTS (SELECT 1 FROM applications a WHERE ${conditions.join(' AND ')})`, {
        jobId: filter.jobId,
        stage: filter.stage,
      });
    }
    const sync = await syncWindow(this.rows.manager, page);
    if (sync) {
      const limit = pageLimit(page.limit);
      const rows = await applySyncWindow(qb, 'c', sync)
        .limit(limit + 1)
        .getMany();
      return syncPage(
        this.rows.manager,
        'candidates',
        sync,
        rows,
        limit,
        (c) => [c.updatedAt.toISOString(), c.id],
        present,
      );
    }
    return keysetPage(
      qb,
      page,
      { column: 'created_at', direction: 'DESC', key: (c) => [c.createdAt, c.id] },
      present,
    );
  }

  // Inserts the unclaimed record of an address unless one exists (the partial unique index).
  async insertUnclaimedIfAbsent(row: NewCandidate, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO candidates (id, email_hash, email_encrypted, full_name_encrypted, phone_encrypted, name_tokens)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email_hash) WHERE user_id IS NULL DO NOTHING`,
      [row.id, row.emailHash, ...this.sealedContact(row), row.nameTokens],
    );
  }

  // Inserts an account's record unless the account has one (the unique user_id index).
  async insertForUserIfAbsent(row: NewCandidate, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO candidates (id, user_id, email_hash, email_encrypted, full_name_encrypted, phone_encrypted, name_tokens)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id) WHERE user_id IS NOT NULL DO NOTHING`,
      [row.id, row.userId, row.emailHash, ...this.sealedContact(row), row.nameTokens],
    );
  }

  lockUnclaimedByEmailHash(emailHash: string, manager: EntityManager): Promise<Candidate> {
    return manager
      .getRepository(Candidate)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.email_hash = :emailHash AND c.user_id IS NULL', { emailHash })
      .getOneOrFail();
  }

  // Gives the unclaimed, unerased record of an address to an account that has none yet; the id
  // of the record it linked, or null.
  async linkUnclaimedToUser(
    userId: string,
    emailHash: string,
    manager: EntityManager,
  ): Promise<string | null> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH linked AS (
         UPDATE candidates SET user_id = $1, updated_at = now()
          WHERE email_hash = $2 AND user_id IS NULL AND erased_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM candidates WHERE user_id = $1)
         RETURNING id)
       SELECT id FROM linked`,
      [userId, emailHash],
    );
    return rows[0]?.id ?? null;
  }

  private sealedContact(row: NewCandidate): (string | null)[] {
    const seal = (property: 'email' | 'fullName' | 'phone', value: string | null) =>
      value === null
        ? null
        : sealValue(
            this.crypto,
            encryptedFieldAad('candidates', encryptedField(Candidate, property), row.id),
            value,
          );
    return [seal('email', row.email), seal('fullName', row.fullName), seal('phone', row.phone)];
  }

  // Retention: people whose every application ended (a status in `endedStatuses`) before the
  // cutoff. Talent-pool members asked to be kept, and legal holds block erasure.
  async countFormerApplicants(cutoff: Date, endedStatuses: string[]): Promise<number> {
    const [row] = await this.rows.manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM candidates c WHERE ${FORMER_APPLICANT}`,
      [cutoff, endedStatuses],
    );
    return row.n;
  }

  // The next `limit` of them after the id `after`, in id order.
  async listFormerApplicants(
    cutoff: Date,
    endedStatuses: string[],
    after: string,
    limit: number,
  ): Promise<string[]> {
    const rows = await this.rows.manager.query<{ id: string }[]>(
      `SELECT c.id FROM candidates c WHERE ${FORMER_APPLICANT} AND c.id > $3 ORDER BY c.id LIMIT $4`,
      [cutoff, endedStatuses, after, limit],
    );
    return rows.map((r) => r.id);
  }
}
