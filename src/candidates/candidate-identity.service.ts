import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { UsersService } from '../auth/users.service';
import { CryptoService } from '../crypto/crypto.service';
import { foldAccountRecordIntoUnclaimed } from './candidate-merge';
import { CandidatesRepository } from './candidates.repository';
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
    private readonly candidates: CandidatesRepository,
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
    await this.candidates.insertUnclaimedIfAbsent(
      { id, emailHash, ...this.contactColumns(contact) },
      manager,
    );
    const candidate = await this.candidates.lockUnclaimedByEmailHash(emailHash, manager);
    return { candidate, created: candidate.id === id };
  }

  // The candidate record of a signed-in user. An unverified account always starts a record of its
  // own: linking it to an earlier record of the same address would hand whoever typed that
  // address the applications, résumés and interviews of its owner. A verified one links.
  async findOrCreateForUser(manager: EntityManager, userId: string): Promise<Candidate> {
    const linked = await this.candidates.findByUserId(userId, manager);
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
    const linked = await this.candidates.linkUnclaimedToUser(
      account.userId,
      this.crypto.emailIndex(account.email),
      manager,
    );
    return linked ? manager.findOneByOrFail(Candidate, { id: linked }) : null;
  }

  // Two first requests of one account race on the unique user_id index; the loser re-reads.
  private async createForAccount(
    manager: EntityManager,
    account: VerifiedAccount,
    fullName: string | null,
  ): Promise<Candidate> {
    const id = randomUUID();
    const contact = { email: account.email, fullName, phone: null };
    await this.candidates.insertForUserIfAbsent(
      {
        id,
        userId: account.userId,
        emailHash: this.crypto.emailIndex(account.email),
        ...this.contactColumns(contact),
      },
      manager,
    );
    return manager.findOneByOrFail(Candidate, { userId: account.userId });
  }

  private contactColumns(contact: ContactDetails) {
    return {
      email: CryptoService.normaliseEmail(contact.email),
      fullName: contact.fullName ?? null,
      phone: contact.phone ?? null,
      nameTokens: this.nameTokens(contact.fullName),
    };
  }

  async findForUser(userId: string): Promise<Candidate | null> {
    return this.candidates.findByUserId(userId);
  }

  async findById(id: string): Promise<Candidate | null> {
    return this.candidates.findById(id);
  }

  // An address may name two records (an account's and an unclaimed one): the account's first.
  async findByEmail(email: string): Promise<Candidate | null> {
    return this.candidates.findByEmailHash(this.crypto.emailIndex(email));
  }

  decryptContact(candidate: Candidate): {
    email: string | null;
    full_name: string | null;
    phone: string | null;
  } {
    return { email: candidate.email, full_name: candidate.fullName, phone: candidate.phone };
  }
}
