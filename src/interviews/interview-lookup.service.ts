import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AnswerRepository } from './answer.repository';
import { InterviewRepository } from './interview.repository';

// Questions the modules above interviews (video, media, gdpr) ask about a person's interviews,
// so none of them reads the interviews tables. Each joins the caller's transaction when given one.
@Injectable()
export class InterviewLookupService {
  constructor(
    private readonly interviews: InterviewRepository,
    private readonly answers: AnswerRepository,
  ) {}

  interviewIdsOfCandidate(candidateId: string, manager?: EntityManager): Promise<string[]> {
    return this.interviews.idsOfCandidate(candidateId, manager);
  }

  answerIdsOfCandidate(candidateId: string, manager?: EntityManager): Promise<string[]> {
    return this.answers.idsOfCandidate(candidateId, manager);
  }
}
