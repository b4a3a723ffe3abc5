import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { UsersService } from '../auth/users.service';
import { CryptoService } from '../crypto/crypto.service';
import { Candidate } from './entities/candidate.entity';

export interface ContactDetails {
  email: string;
  fullName?: string | null;
  phone?: string | null;
}

export function candidateAad(id: string, column: string): string {
  return CryptoService.fieldAad('candidates', column, id);
}

// Resolves "who is this person": one candidate per normalised e-mail, linked to an account.
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

  // Concurrent applications by the same new person race on the unique e-mail index; the loser
  // re-reads the winner's row.
  async findOrCreateByEmail(manager: EntityManager, contact: ContactDetails): Promise<Candidate> {
    const emailHash = this.crypto.emailIndex(contact.email);
    const id = randomUUID();
    await manager.query(
      `INSERT INTO candidates (id, email_hash, email_encrypted, full_name_encrypted, phone_encrypted, name_tokens)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email_hash) DO NOTHING`,
      [
        id,
        emailHash,
        this.crypto.encrypt(CryptoService.normaliseEmail(contact.email), candidateAad(id, 'email')),
        this.crypto.encryptNullable(contact.fullName ?? null, candidateAad(id, 'full_name')),
        this.crypto.encryptNullable(contact.phone ?? null, candidateAad(id, 'phone')),
        this.nameTokens(contact.fullName),
      ],
    );
    const candidate = await manager
      .getRepository(Candidate)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.email_hash = :emailHash', { emailHash })
      .getOneOrFail();
    if (candidate.id !== id && !candidate.erasedAt) {
      // Known person: fill contact fields they did not have before, keep the rest.
      const patch: Partial<Candidate> = {};
      if (!candidate.fullNameEncrypted && contact.fullName) {
        patch.fullNameEncrypted = this.crypto.encrypt(
          contact.fullName,
          candidateAad(candidate.id, 'full_name'),
        );
        patch.nameTokens = this.nameTokens(contact.fullName);
      }
      if (!candidate.phoneEncrypted && contact.phone) {
        patch.phoneEncrypted = this.crypto.encrypt(
          contact.phone,
          candidateAad(candidate.id, 'phone'),
        );
      }
      if (Object.keys(patch).length > 0) {
        await manager.update(Candidate, { id: candidate.id }, patch);
        Object.assign(candidate, patch);
      }
    }
    return candidate;
  }

  // The candidate record of a signed-in user, created from the account's contact details.
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
    const candidate = await this.findOrCreateByEmail(manager, {
      email: account.email,
      fullName: account.full_name,
      phone: null,
    });
    if (!candidate.userId) {
      await manager.update(Candidate, { id: candidate.id }, { userId });
      candidate.userId = userId;
    }
    return candidate;
  }

  async findForUser(userId: string): Promise<Candidate | null> {
    return this.dataSource.getRepository(Candidate).findOneBy({ userId });
  }

  async findById(id: string): Promise<Candidate | null> {
    return this.dataSource.getRepository(Candidate).findOneBy({ id });
  }

  async findByEmail(email: string): Promise<Candidate | null> {
    return this.dataSource
      .getRepository(Candidate)
      .findOneBy({ emailHash: this.crypto.emailIndex(email) });
  }

  decryptContact(candidate: Candidate): {
    email: string | null;
    full_name: string | null;
    phone: string | null;
  } {
    return {
      email: this.crypto.decryptNullable(
        candidate.emailEncrypted,
        candidateAad(candidate.id, 'email'),
      ),
      full_name: this.crypto.decryptNullable(
        candidate.fullNameEncrypted,
        candidateAad(candidate.id, 'full_name'),
      ),
      phone: this.crypto.decryptNullable(
        candidate.phoneEncrypted,
        candidateAad(candidate.id, 'phone'),
      ),
    };
  }
}
