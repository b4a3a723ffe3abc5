import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CandidateIdentityService } from '../candidates/candidate-identity.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { isStaff } from '../common/auth/role';
import { NotFoundProblem } from '../common/errors/domain.exception';
import type { Interview } from './entities/interview.entity';
import type { InterviewQuestion } from './entities/interview-question.entity';
import { InterviewRepository } from './interview.repository';

// Who may see or act on an interview. A candidate reaches only their own interviews; anything
// else answers 404, so ids of other people's interviews reveal nothing.
@Injectable()
export class InterviewAccessService {
  constructor(
    private readonly interviews: InterviewRepository,
    private readonly identity: CandidateIdentityService,
  ) {}

  async candidateIdOf(user: AuthUser): Promise<string | null> {
    if (user.interviewGrant) {
      return user.interviewGrant.candidateId;
    }
    return (await this.identity.findForUser(user.id))?.id ?? null;
  }

  // No viewer check: for system work (queue jobs) that already knows the interview id.
  async find(id: string, manager?: EntityManager): Promise<Interview | null> {
    return this.interviews.findById(id, manager);
  }

  // Staff see every interview; a candidate only their own.
  async loadForViewer(user: AuthUser, id: string, manager?: EntityManager): Promise<Interview> {
    const interview = await this.interviews.findById(id, manager);
    if (!interview || (!isStaff(user.role) && !(await this.owns(user, interview)))) {
      throw new NotFoundProblem('Interview');
    }
    return interview;
  }

  // The interview's own candidate only (taking it, answering, reporting events), row locked.
  async lockOwn(manager: EntityManager, user: AuthUser, id: string): Promise<Interview> {
    const interview = await this.lock(manager, id);
    if (!(await this.owns(user, interview))) {
      throw new NotFoundProblem('Interview');
    }
    return interview;
  }

  async lockForViewer(manager: EntityManager, user: AuthUser, id: string): Promise<Interview> {
    const interview = await this.lock(manager, id);
    if (!isStaff(user.role) && !(await this.owns(user, interview))) {
      throw new NotFoundProblem('Interview');
    }
    return interview;
  }

  async lock(manager: EntityManager, id: string): Promise<Interview> {
    const interview = await this.interviews.lockById(id, manager);
    if (!interview) {
      throw new NotFoundProblem('Interview');
    }
    return interview;
  }

  async questionsOf(interviewId: string, manager?: EntityManager): Promise<InterviewQuestion[]> {
    return this.interviews.questionsOf(interviewId, manager);
  }

  // An interview-link guest owns exactly the interview of its link.
  private async owns(user: AuthUser, interview: Interview): Promise<boolean> {
    if (user.interviewGrant) {
      return (
        user.interviewGrant.interviewId === interview.id &&
        user.interviewGrant.candidateId === interview.candidateId
      );
    }
    const candidateId = await this.candidateIdOf(user);
    return candidateId !== null && candidateId === interview.candidateId;
  }
}
