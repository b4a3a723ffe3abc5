import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import type { RetentionContext } from '../kernel/personal-data/personal-data-handler';
import { purgeInBatches } from '../kernel/personal-data/retention-batches';
import { AuthSession } from './entities/auth-session.entity';
import { RefreshToken } from './entities/refresh-token.entity';

// Sign-in sessions and their refresh-token families.
@Injectable()
export class SessionsRepository {
  constructor(@InjectRepository(AuthSession) private readonly rows: Repository<AuthSession>) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.rows.manager;
  }

  async insertSession(
    session: Pick<AuthSession, 'id' | 'userId' | 'revokedAt'>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.on(manager).insert(AuthSession, session);
  }

  findSession(id: string, manager?: EntityManager): Promise<AuthSession | null> {
    return this.on(manager).findOneBy(AuthSession, { id });
  }

  findSessionOrFail(id: string, manager?: EntityManager): Promise<AuthSession> {
    return this.on(manager).findOneByOrFail(AuthSession, { id });
  }

  async revokeSession(sessionId: string, reason: string, manager?: EntityManager): Promise<void> {
    await this.on(manager).update(
      AuthSession,
      { id: sessionId },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  async revokeAllForUser(userId: string, reason: string, manager?: EntityManager): Promise<void> {
    await this.on(manager).update(
      AuthSession,
      { userId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  async insertRefreshToken(
    token: Omit<RefreshToken, 'createdAt' | 'session'>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.on(manager).insert(RefreshToken, token);
  }

  lockRefreshToken(tokenHash: string, manager: EntityManager): Promise<RefreshToken | null> {
    return manager
      .getRepository(RefreshToken)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.token_hash = :hash', { hash: tokenHash })
      .getOne();
  }

  findRefreshToken(tokenHash: string, manager?: EntityManager): Promise<RefreshToken | null> {
    return this.on(manager).findOneBy(RefreshToken, { tokenHash });
  }

  async markRefreshTokenUsed(id: string, manager?: EntityManager): Promise<void> {
    await this.on(manager).update(RefreshToken, { id }, { usedAt: new Date() });
  }

  listForExport(userId: string, manager?: EntityManager): Promise<Record<string, unknown>[]> {
    return this.on(manager).query<Record<string, unknown>[]>(
      `SELECT s.id, s.created_at, s.revoked_at, s.revoked_reason,
              count(t.id)::int AS refresh_tokens_issued, max(t.expires_at) AS last_token_expires_at
         FROM auth_sessions s LEFT JOIN refresh_tokens t ON t.session_id = s.id
        WHERE s.user_id = $1
        GROUP BY s.id ORDER BY s.created_at`,
      [userId],
    );
  }

  // Refresh tokens go with their sessions (ON DELETE CASCADE).
  async deleteAllForUser(userId: string, manager?: EntityManager): Promise<number> {
    const [row] = await this.on(manager).query<{ n: number }[]>(
      `WITH d AS (DELETE FROM auth_sessions WHERE user_id = $1 RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [userId],
    );
    return row.n;
  }

  // Sessions that were revoked, or whose every refresh token expired, before the cutoff.
  purgeEnded(context: RetentionContext): Promise<number> {
    const due = `(s.revoked_at IS NOT NULL AND s.revoked_at < $1)
      OR (s.revoked_at IS NULL AND s.created_at < $1 AND NOT EXISTS
          (SELECT 1 FROM refresh_tokens t WHERE t.session_id = s.id AND t.expires_at >= $1))`;
    return purgeInBatches(
      this.rows.manager,
      context,
      {
        count: `SELECT count(*)::int AS n FROM auth_sessions s WHERE ${due}`,
        batch: `WITH d AS (DELETE FROM auth_sessions WHERE id IN (
                  SELECT s.id FROM auth_sessions s WHERE ${due}
                   ORDER BY s.id LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING 1)
                SELECT count(*)::int AS n FROM d`,
      },
      [context.cutoff],
    );
  }
}
