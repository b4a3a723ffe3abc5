import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UnauthorizedProblem } from '../common/errors/domain.exception';
import { Transactions } from '../database/transactions';
import { AccountStateRepository } from './account-state/account-state.repository';
import type { AuthUser } from '../common/auth/policy.decorators';
import { User } from './entities/user.entity';
import { SessionsRepository } from './sessions.repository';
import { UsersRepository } from './users.repository';
import { isStillAuthorised } from './session-state';
import { TokenService } from './token.service';

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
}

@Injectable()
export class SessionService {
  constructor(
    private readonly transactions: Transactions,
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly accounts: AccountStateRepository,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
  ) {}

  // For answers that outlive their request (SSE): false once the caller's token has expired, its
  // session ended, or the account was deactivated, demoted or erased.
  isStillAuthorised(user: AuthUser): Promise<boolean> {
    return isStillAuthorised(user, () => this.accounts.read(user.id, user.sessionId));
  }

  async openSession(manager: EntityManager, user: User): Promise<IssuedTokens> {
    const sessionId = randomUUID();
    await this.sessions.insertSession({ id: sessionId, userId: user.id, revokedAt: null }, manager);
    return this.issue(manager, user, sessionId);
  }

  // Single use: the presented token is marked used and replaced. Presenting a used token again means
  // it leaked (or a client raced itself): the whole session is revoked and must sign in again.
  async rotate(presented: string): Promise<{ user: User; tokens: IssuedTokens }> {
    const hash = this.tokensHash(presented);
    const outcome = await this.transactions.run(async (manager) => {
      const row = await this.sessions.lockRefreshToken(hash, manager);
      if (!row) {
        return { error: 'unknown' as const };
      }
      const session = await this.sessions.findSessionOrFail(row.sessionId, manager);
      const user = await this.users.findByIdOrFail(session.userId, manager);
      if (row.usedAt) {
        if (!session.revokedAt) {
          await this.sessions.revokeSession(session.id, 'refresh_reuse', manager);
          await this.audit.record(manager, {
            actorId: user.id,
            actorRole: user.role,
            action: 'auth.refresh_reuse_detected',
            targetType: 'session',
            targetId: session.id,
          });
        }
        return { error: 'reused' as const };
      }
      if (
        session.revokedAt ||
        row.expiresAt.getTime() <= Date.now() ||
        row.tokenVersion !== user.tokenVersion ||
        !user.isActive
      ) {
        return { error: 'revoked' as const };
      }
      await this.sessions.markRefreshTokenUsed(row.id, manager);
      return { user, tokens: await this.issue(manager, user, session.id) };
    });
    if ('error' in outcome) {
      throw new UnauthorizedProblem(
        outcome.error === 'reused'
          ? 'This refresh token was already used; the session has been revoked'
          : 'The refresh token is invalid or expired',
        outcome.error === 'reused' ? 'REFRESH_TOKEN_REUSED' : 'REFRESH_TOKEN_INVALID',
      );
    }
    return outcome;
  }

  async logout(userId: string, presented: string): Promise<void> {
    const hash = this.tokensHash(presented);
    await this.transactions.run(async (manager) => {
      const row = await this.sessions.findRefreshToken(hash, manager);
      const session = row ? await this.sessions.findSession(row.sessionId, manager) : null;
      // Someone else's token is treated like an unknown one: nothing happens, nothing is revealed.
      if (!session || session.userId !== userId || session.revokedAt) {
        return;
      }
      await this.sessions.revokeSession(session.id, 'logout', manager);
      await this.audit.record(manager, {
        actorId: userId,
        action: 'auth.logout',
        targetType: 'session',
        targetId: session.id,
      });
    });
  }

  async revokeAllForUser(manager: EntityManager, userId: string, reason: string): Promise<void> {
    await this.sessions.revokeAllForUser(userId, reason, manager);
  }

  private async issue(
    manager: EntityManager,
    user: User,
    sessionId: string,
  ): Promise<IssuedTokens> {
    const refresh = this.tokens.newRefreshToken();
    await this.sessions.insertRefreshToken(
      {
        id: randomUUID(),
        sessionId,
        tokenHash: refresh.hash,
        tokenVersion: user.tokenVersion,
        expiresAt: new Date(Date.now() + this.tokens.refreshTtlSeconds * 1000),
        usedAt: null,
      },
      manager,
    );
    return {
      access_token: this.tokens.signAccess({
        sub: user.id,
        role: user.role,
        tv: user.tokenVersion,
        sid: sessionId,
      }),
      refresh_token: refresh.token,
      token_type: 'bearer',
      expires_in: this.tokens.accessTtlSeconds,
    };
  }

  private tokensHash(presented: string): string {
    return TokenService.hashRefreshToken(presented);
  }
}
