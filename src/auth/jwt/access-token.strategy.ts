import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { UnauthorizedProblem } from '../../common/errors/domain.exception';
import { AccountStateCache } from '../account-state/account-state.cache';
import { accessRefusal } from '../session-state';
import { accessClaimsFrom, TokenService } from '../token.service';
import { bearerTokenOrNull } from './bearer-token';

export const ACCESS_TOKEN_STRATEGY = 'jwt';

// passport-jwt checks signature, algorithm, issuer, audience and expiry; validate() then checks
// the account behind the token on every request (disabled or erased, role or password changed,
// session ended), through the account-state cache that PostgreSQL NOTIFY keeps exact.
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(Strategy, ACCESS_TOKEN_STRATEGY) {
  constructor(
    tokens: TokenService,
    private readonly accounts: AccountStateCache,
  ) {
    const { key, issuer, audience } = tokens.accessVerification;
    super({
      jwtFromRequest: bearerTokenOrNull,
      // A KeyObject: jsonwebtoken would otherwise try to parse a string as a PEM key first.
      secretOrKey: key as unknown as string,
      algorithms: ['HS256'],
      issuer,
      audience,
    });
  }

  async validate(payload: unknown): Promise<AuthUser> {
    const claims = accessClaimsFrom(payload);
    if (!claims) {
      throw new UnauthorizedProblem('The access token is invalid', 'TOKEN_INVALID');
    }
    const account = await this.accounts.read(claims.sub, claims.sid);
    const refusal = accessRefusal(account, claims);
    if (refusal) {
      throw refusal;
    }
    return {
      id: claims.sub,
      role: account!.role,
      sessionId: claims.sid,
      tokenVersion: claims.tv,
      expiresAt: claims.exp,
    };
  }
}
