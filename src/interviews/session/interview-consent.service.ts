import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { ConflictProblem } from '../../common/errors/domain.exception';
import { ConsentService } from '../../consent';
import { Transactions } from '../../database/transactions';
import type { ConsentRecordResponse } from '../../consent';
import { InterviewAccessService } from '../interview-access.service';

// Consent given in the interview room, for the interview's own candidate record: the way a
// candidate without an account (an invitation link's guest) grants or refuses AI evaluation
// and recording before answering. Signed-in candidates may use it too.
@Injectable()
export class InterviewConsentService {
  constructor(
    private readonly transactions: Transactions,
    private readonly access: InterviewAccessService,
    private readonly consent: ConsentService,
  ) {}

  record(
    user: AuthUser,
    id: string,
    input: { purpose: 'ai_evaluation' | 'recording'; granted: boolean; policyVersion: string },
  ): Promise<ConsentRecordResponse> {
    return this.transactions.run(async (manager) => {
      const interview = await this.access.lockOwn(manager, user, id);
      if (interview.status !== 'Scheduled' && interview.status !== 'In Progress') {
        throw new ConflictProblem('INTERVIEW_CLOSED', `The interview is ${interview.status}`);
      }
      return this.consent.record(manager, {
        candidateId: interview.candidateId,
        purpose: input.purpose,
        granted: input.granted,
        policyVersion: input.policyVersion,
        source: 'interview_room',
        // A guest's id is its link's, not a user's: the audit names no actor then.
        actorId: user.interviewGrant ? null : user.id,
        actorRole: user.role,
      });
    });
  }
}
