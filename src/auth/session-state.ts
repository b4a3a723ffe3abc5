import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth/policy.decorators';
import { ROLE_RANK, Role } from '../common/auth/role';
import {
  DomainException,
  ForbiddenProblem,
  UnauthorizedProblem,
} from '../common/errors/domain.exception';
import { preparedQuery } from '../database/prepared-query';

export interface AccountState {
  role: Role;
  is_active: boolean;
  token_version: number;
  erased_at: Date | null;
  session_revoked: boolean | null;
}

// The account and session behind an access token, read fresh: deactivation, role and password
// changes and logouts take effect at once on every instance.
export async function readAccountState(
  dataSource: DataSource,
  userId: string,
  sessionId: string,
): Promise<AccountState | undefined> {
  const rows = await preparedQuery<AccountState>(
    dataSource,
    `SELECT u.role, u.is_active, u.token_version, u.erased_at,
            (s.revoked_at IS NOT NULL) AS session_revoked
       FROM users u
       LEFT JOIN auth_sessions s ON s.id = $2 AND s.user_id = u.id
      WHERE u.id = $1`,
    [userId, sessionId],
  );
  return rows[0];
}

// Why a token with these claims no longer grants access (null: it still does).
export function accessRefusal(
  account: AccountState | undefined,
  claims: { role: Role; tv: number },
): DomainException | null {
  if (!account || !account.is_active || account.erased_at) {
    return new UnauthorizedProblem('The account is disabled', 'ACCOUNT_DISABLED');
  }
  if (account.token_version !== claims.tv) {
    if (ROLE_RANK[claims.role] > ROLE_RANK[account.role]) {
      return new ForbiddenProblem('ROLE_CHANGED', 'Your role has changed; sign in again');
    }
    return new UnauthorizedProblem('The access token was revoked; sign in again', 'TOKEN_REVOKED');
  }
  if (account.session_revoked !== false) {
    return new UnauthorizedProblem('The session has ended; sign in again', 'SESSION_REVOKED');
  }
  return null;
}

// For long-lived answers (server-sent events): does the token that opened it still grant access?
export async function isStillAuthorised(dataSource: DataSource, user: AuthUser): Promise<boolean> {
  if (user.expiresAt === undefined || user.tokenVersion === undefined) {
    return false;
  }
  if (Date.now() >= user.expiresAt * 1000) {
    return false;
  }
  const account = await readAccountState(dataSource, user.id, user.sessionId);
  return accessRefusal(account, { role: user.role, tv: user.tokenVersion }) === null;
}
