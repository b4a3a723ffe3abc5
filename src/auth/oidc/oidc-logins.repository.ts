import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { OidcLogin } from '../entities/oidc-login.entity';

// Sign-ins through the identity provider that have started and not yet come back.
@Injectable()
export class OidcLoginsRepository {
  constructor(@InjectRepository(OidcLogin) private readonly rows: Repository<OidcLogin>) {}

  async deleteExpired(): Promise<void> {
    await this.rows.delete({ expiresAt: LessThan(new Date()) });
  }

  async insert(login: Omit<OidcLogin, 'createdAt'>): Promise<void> {
    await this.rows.insert(login);
  }

  // Deleted as it is read: a state works once.
  async consumeByStateHash(
    stateHash: string,
  ): Promise<Pick<OidcLogin, 'codeVerifier' | 'nonce' | 'expiresAt'> | undefined> {
    const rows = await this.rows.query<
      { code_verifier: string; nonce: string; expires_at: Date }[]
    >(
      `WITH d AS (DELETE FROM oidc_logins WHERE state_hash = $1 RETURNING code_verifier, nonce, expires_at) SELECT * FROM d`,
      [stateHash],
    );
    const row = rows[0];
    return row
      ? { codeVerifier: row.code_verifier, nonce: row.nonce, expiresAt: row.expires_at }
      : undefined;
  }
}
