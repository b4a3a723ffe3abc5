import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AccountToken, AccountTokenPurpose } from './entities/account-token.entity';

export interface ConsumedToken {
  userId: string;
  emailHash: string;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

// Single-use, expiring tokens for e-mailed links. Only the hash is stored; consuming is one
// UPDATE … WHERE used_at IS NULL, so two requests with the same token cannot both succeed.
@Injectable()
export class AccountTokensRepository {
  constructor(@InjectRepository(AccountToken) private readonly rows: Repository<AccountToken>) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.rows.manager;
  }

  async issue(
    input: { userId: string; emailHash: string; purpose: AccountTokenPurpose; ttlSeconds: number },
    manager?: EntityManager,
  ): Promise<{ id: string; token: string }> {
    const token = randomBytes(32).toString('base64url');
    const id = randomUUID();
    await this.on(manager).insert(AccountToken, {
      id,
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: hashToken(token),
      emailHash: input.emailHash,
      expiresAt: new Date(Date.now() + input.ttlSeconds * 1000),
      usedAt: null,
    });
    return { id, token };
  }

  async consume(
    purpose: AccountTokenPurpose,
    token: string,
    manager?: EntityManager,
  ): Promise<ConsumedToken | null> {
    const [rows] = await this.on(manager).query<
      [{ user_id: string; email_hash: string }[], number]
    >(
      `UPDATE account_tokens SET used_at = now()
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING user_id, email_hash`,
      [hashToken(token), purpose],
    );
    return rows[0] ? { userId: rows[0].user_id, emailHash: rows[0].email_hash } : null;
  }

  // Every open token of this purpose (a new link replaces the old; a reset ends all of them).
  async revokeAll(
    userId: string,
    purposes: AccountTokenPurpose[],
    manager?: EntityManager,
  ): Promise<void> {
    await this.on(manager).query(
      `UPDATE account_tokens SET used_at = now()
        WHERE user_id = $1 AND purpose = ANY($2::varchar[]) AND used_at IS NULL`,
      [userId, purposes],
    );
  }

  async deleteForUser(userId: string, manager?: EntityManager): Promise<number> {
    const [, count] = await this.on(manager).query<[unknown[], number]>(
      `DELETE FROM account_tokens WHERE user_id = $1`,
      [userId],
    );
    return count ?? 0;
  }

  // Open verification links sent within the last `seconds`.
  async countRecentVerifyLinks(
    userId: string,
    seconds: number,
    manager?: EntityManager,
  ): Promise<number> {
    const [recent] = await this.on(manager).query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM account_tokens
        WHERE user_id = $1 AND purpose = 'verify_email' AND used_at IS NULL
          AND created_at > now() - make_interval(secs => $2)`,
      [userId, seconds],
    );
    return recent.n;
  }
}
