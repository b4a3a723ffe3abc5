import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { UsersService } from '../auth/users.service';
import { CryptoService } from '../crypto/crypto.service';
import { encryptedField, encryptedFieldAad, sealValue } from '../crypto/encrypted-column';
import { foldAccountRecordIntoUnclaimed } from './candidate-merge';
import { Candidate } from './entities/candidate.entity';

export interface ContactDetails {
  email: string;
  fullName?: string | null;
  phone?: string | null;
}

// An account as the identity rules see it; `emailVerified` gates every link to an earlier record.
export interface VerifiedAccount {
  userId: string;
  email: string;
  emailVerified: boolean;
}

// Resolves "who is this person": at most one unclaimed candidate per normalised e-mail (earlier
// applications without an account) and one candidate per account. An address alone never leads
// to an account's record, and an account never takes over an unclaimed one unless verified.
@Injectable()
export class CandidateIdentityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly users: UsersService,
  ) {}

  nameTokens(fullName: string | null | undefined): string[] {
    return [
      ...new Set(
        (fullName ?? '')
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .filter((t) => t.length >= 2)
          .map((t) => this.crypto.blindIndex('name', t).slice(0, 24)),
      ),
    ];
  }

  // The record an application without a signed-in candidate goes to: the one *unclaimed* record
  // (no account) of this address, created when missing. `created` tells the caller whether this
  // request made it: an existing record is never changed by such a request (API.md, "Reaching
  // people"), and an account-linked record is never reached from an address at all.
  // Concurrent applications by the same new person race on the partial unique index; the loser
  // re-reads the winner's row.
  async findOrCreateUnclaimed(
    manager: EntityManager,
    contact: ContactDetails,
  ): Promise<{ candidate: Candidate; created: boolean }> {
    const emailHash = this.crypto.emailIndex(contact.email);
    const id = randomUUID();
    await manager.query(
      `INSERT INTO candidates (id, email_hash, email_encrypted, full_name_encrypted, phone_encrypted, name_tokens)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email_hash) WHERE user_id IS NULL DO NOTHING`,
      [id, emailHash, ...this.encryptedContact(id, contact), this.nameTokens(contact.fullName)],
    );
    const candidate = await manager
      .getRepository(Candidate)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.email_hash = :emailHash AND c.user_id IS NULL', { emailHash })
      .getOneOrFail();
    return { candidate, created: candidate.id === id };
  }

  // The candidate record of a signed-in user. An unverified account always starts a record of its
  // own: linking it to an earlier record of the same address would hand whoever typed that
  // address the applications, résumés and interviews of its owner. A verified one links.
  async findOrCreateForUser(manager: EntityManager, userId: string): Promise<Candidate> {
    const linked = await manager.findOneBy(Candidate, { userId });
    if (linked) {
      return linked;
    }
    const user = await this.users.findById(userId);
    if (!user) {
      throw new Error(`User ${userId} not found`);
    }
    const account = this.users.present(user);
    const identity: VerifiedAccount = {
      userId,
      email: account.email,
      emailVerified: !!user.emailVerifiedAt,
    };
    return (
      (await this.linkVerifiedAccount(manager, identity)) ??
      (await this.createForAccount(manager, identity, account.full_name))
    );
  }

  // The single seam where an account may take over the earlier (unclaimed) record of its address:
  // only once that address is verified. Returns null when it links nothing. An account that
  // already started a record of its own (it applied or gave consent before verifying) has that
  // record folded into the earlier one first (see candidate-merge.ts).
  async linkVerifiedAccount(
    manager: EntityManager,
    account: VerifiedAccount,
  ): Promise<Candidate | null> {
    if (!account.emailVerified) {
      return null;
    }
    await foldAccountRecordIntoUnclaimed(
      manager,
      account.userId,
      this.crypto.emailIndex(account.email),
    );
    const rows = await manager.query<{ id: string }[]>(
      `WITH linked AS (
         UPDATE candidates SET user_id = $1, updated_at = now()
          WHERE email_hash = $2 AND user_id IS NULL AND erased_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM candidates WHERE user_id = $1)
         RETURNING id)
       SELECT id FROM linked`,
      [account.userId, this.crypto.emailIndex(account.email)],
    );
    return rows[0] ? manager.findOneByOrFail(Candidate, { id: rows[0].id }) : null;
  }

  // Two first requests of one account race on the unique user_id index; the loser re-reads.
  private async createForAccount(
    manager: EntityManager,
    account: VerifiedAccount,
    fullName: string | null,
  ): Promise<Candidate> {
    const id = randomUUID();
    const contact = { email: account.email, fullName, phone: null };
    await manager.query(
      `INSERT INTO candidates (id, user_id, email_hash, email_encrypted, full_name_encrypted, phone_encrypted, name_tokens)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id) WHERE user_id IS NOT NULL DO NOTHING`,
      [
        id,
        account.userId,
        this.crypto.emailIndex(account.email),
        ...this.encryptedContact(id, contact),
        this.nameTokens(fullName),
      ],
    );
    return manager.findOneByOrFail(Candidate, { userId: account.userId });
  }

  private encryptedContact(id: string, contact: ContactDetails): (string | null)[] {
    const seal = (property: 'email' | 'fullName' | 'phone', value: string | null | undefined) =>
      value == null
        ? null
        : sealValue(
            this.crypto,
            encryptedFieldAad('candidates', encryptedField(Candidate, property), id),
            value,
          );
    return [
      seal('email', CryptoService.normaliseEmail(contact.email)),
      seal('fullName', contact.fullName),
      seal('phone', contact.phone),
    ];
  }

  async findForUser(userId: string): Promise<Candidate | null> {
    return this.dataSource.getRepository(Candidate).findOneBy({ userId });
  }

  async findById(id: string): Promise<Candidate | null> {
    return this.dataSource.getRepository(Candidate).findOneBy({ id });
  }

  // An address may name two records (an account's and an unclaimed one): the account's first.
  async findByEmail(email: string): Promise<Candidate | null> {
    return this.dataSource.getRepository(Candidate).findOne({
      where: { emailHash: this.crypto.emailIndex(email) },
      order: { userId: { direction: 'ASC', nulls: 'LAST' } },
    });
  }

  decryptContact(candidate: Candidate): {
    email: string | null;
    full_name: string | null;
    phone: string | null;
  } {
    return { email: candidate.email, full_name: candidate.fullName, phone: candidate.phone };
  }
}
