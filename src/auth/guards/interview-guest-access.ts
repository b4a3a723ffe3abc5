import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { Role } from '../../common/auth/role';
import { UnauthorizedProblem } from '../../common/errors/domain.exception';
import type { InterviewAccessClaims } from '../token.service';

// Whether the link behind a guest token still stands (not revoked or expired, the interview
// neither completed nor cancelled); the interviews module provides the check.
export type InterviewGrantCheck = (claims: InterviewAccessClaims) => Promise<boolean>;

@Injectable()
export class InterviewGuestAccess {
  private check: InterviewGrantCheck | null = null;

  useCheck(check: InterviewGrantCheck): void {
    this.check = check;
  }

  async authenticate(claims: InterviewAccessClaims): Promise<AuthUser> {
    if (!this.check || !(await this.check(claims))) {
      throw new UnauthorizedProblem(
        'This interview link has ended (completed, cancelled, replaced or expired)',
        'INTERVIEW_LINK_ENDED',
      );
    }
    return {
      id: claims.sub,
      role: Role.Candidate,
      sessionId: claims.sub,
      expiresAt: claims.exp,
      interviewGrant: { interviewId: claims.iid, candidateId: claims.cid },
    };
  }
}
