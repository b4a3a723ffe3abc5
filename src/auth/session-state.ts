import type { AuthUser } from '../common/auth/policy.decorators';
import { ROLE_RANK, Role } from '../common/auth/role';
import {
  DomainException,
  ForbiddenProblem,
  UnauthorizedProblem,
} from '../common/errors/domain.exception';

export interface AccountState {
  role: Role;
  is_active: boolean;
  token_version: number;
  erased_at: Date | null;
  session_revoked: boolean | null;
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
export async function isStillAuthorised(
  user: AuthUser,
  readAccount: () => Promise<AccountState | undefined>,
): Promise<boolean> {
  if (user.expiresAt === undefined || user.tokenVersion === undefined) {
    return false;
  }
  if (Date.now() >= user.expiresAt * 1000) {
    return false;
  }
  const account = await readAccount();
  return accessRefusal(account, { role: user.role, tv: user.tokenVersion }) === null;
}
