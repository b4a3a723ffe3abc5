import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { QueueService } from '../../queue/queue.service';
import type { AnswerScoreRecord } from '../entities/answer-score.entity';
import type { Interview } from '../entities/interview.entity';
import { AnswerRepository } from '../answer.repository';
import type { InterviewAnswer } from '../entities/interview-answer.entity';
import { InterviewRepository } from '../interview.repository';
import { INTERVIEW_FINALISE_QUEUE } from '../interviews.queues';
import { estimatedJaccard, NEAR_DUPLICATE_JACCARD } from './answer-fingerprint';
import { assessFraudRisk, FraudRisk } from './fraud-risk';

// LSH candidates examined per answer; the exact MinHash comparison decides.
const MAX_CANDIDATES = 500;

// An interview's fraud risk. A finalisation records only its own answers' matches and queues the
// other interview's re-finalisation, so concurrent ones cannot deadlock (../README.md).
@Injectable()
export class IntegrityService {
  constructor(
    private readonly queue: QueueService,
    private readonly interviews: InterviewRepository,
    private readonly answerRows: AnswerRepository,
  ) {}

  async assess(
    manager: EntityManager,
    interview: Interview,
    answers: InterviewAnswer[],
    scores: AnswerScoreRecord[],
  ): Promise<FraudRisk> {
    for (const answer of answers) {
      answer.similarAnswerIds = await this.recordNearDuplicates(manager, interview, answer);
    }
    const events = await this.interviews.eventsOf(interview.id, manager);
    return assessFraudRisk(
      events.map((e) => ({ type: e.type, questionId: e.questionId, detail: e.detail })),
      answers.map((a) => ({
        questionId: a.questionId,
        wordCount: a.wordCount,
        secondsSincePrevious: a.secondsSincePrevious,
        similarAnswerIds: a.similarAnswerIds,
        scorerFlags: scores.find((s) => s.answerId === a.id && s.kind === 'machine')?.flags ?? [],
      })),
    );
  }

  private async recordNearDuplicates(
    manager: EntityManager,
    interview: Interview,
    answer: InterviewAnswer,
  ): Promise<string[]> {
    if (!answer.minhash || answer.lshBands.length === 0) {
      return answer.similarAnswerIds;
    }
    const candidates = await this.answerRows.nearDuplicateCandidates(
      answer.questionId,
      interview.candidateId,
      answer.lshBands,
      MAX_CANDIDATES,
      manager,
    );
    const matches = candidates.filter(
      (c) => estimatedJaccard(answer.minhash!, c.minhash) >= NEAR_DUPLICATE_JACCARD,
    );
    const known = new Set(answer.similarAnswerIds);
    const added = matches.filter((m) => !known.has(m.id));
    if (added.length === 0) {
      return answer.similarAnswerIds;
    }
    const similar = [...known, ...added.map((m) => m.id)];
    await this.answerRows.update(answer.id, { similarAnswerIds: similar }, manager);
    const notify = new Set(
      added.filter((m) => !m.similar_answer_ids.includes(answer.id)).map((m) => m.interview_id),
    );
    for (const interviewId of notify) {
      await this.queue.enqueue(
        INTERVIEW_FINALISE_QUEUE,
        { interview_id: interviewId },
        { manager },
      );
    }
    return similar;
  }
}
