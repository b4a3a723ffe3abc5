import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { UnauthorizedProblem } from '../../common/errors/domain.exception';
import { InterviewGuestAccess } from '../guards/interview-guest-access';
import { interviewClaimsFrom, TokenService } from '../token.service';
import { bearerTokenOrNull } from './bearer-token';

export const INTERVIEW_TOKEN_STRATEGY = 'interview-guest';

// The guest token of an interview invitation link (its own audience): accepted only on routes
// marked @AcceptsInterviewGuest(), and only while the link still stands.
@Injectable()
export class InterviewTokenStrategy extends PassportStrategy(Strategy, INTERVIEW_TOKEN_STRATEGY) {
  constructor(
    tokens: TokenService,
    private readonly guests: InterviewGuestAccess,
  ) {
    const { key, issuer, audience } = tokens.interviewVerification;
    super({
      jwtFromRequest: bearerTokenOrNull,
      secretOrKey: key as unknown as string,
      algorithms: ['HS256'],
      issuer,
      audience,
    });
  }

  validate(payload: unknown): Promise<AuthUser> {
    const claims = interviewClaimsFrom(payload);
    if (!claims) {
      throw new UnauthorizedProblem('The access token is invalid', 'TOKEN_INVALID');
    }
    return this.guests.authenticate(claims);
  }
}
