import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
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
}
