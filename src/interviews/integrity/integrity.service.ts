import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { QueueService } from '../../queue/queue.service';
import type { AnswerScoreRecord } from '../entities/answer-score.entity';
import type { Interview } from '../entities/interview.entity';
import { InterviewAnswer } from '../entities/interview-answer.entity';
import { InterviewEvent } from '../entities/interview-event.entity';
import { INTERVIEW_FINALISE_QUEUE } from '../interviews.queues';
import { estimatedJaccard, NEAR_DUPLICATE_JACCARD } from './answer-fingerprint';
import { assessFraudRisk, FraudRisk } from './fraud-risk';

// LSH candidates examined per answer; the exact MinHash comparison decides.
const MAX_CANDIDATES = 500;

// Computes an interview's fraud risk from its browser events, answer timing, scorer flags and
// near-identical answers by other candidates. Each finalisation records its own answers' matches
// only (no cross-interview row updates, so concurrent finalisations cannot deadlock) and queues
// the other interview's re-finalisation when the match is new to it, which then records the
// match from its side.
@Injectable()
export class IntegrityService {
  constructor(private readonly queue: QueueService) {}

  async assess(
    manager: EntityManager,
    interview: Interview,
    answers: InterviewAnswer[],
    scores: AnswerScoreRecord[],
  ): Promise<FraudRisk> {
    for (const answer of answers) {
      answer.similarAnswerIds = await this.recordNearDuplicates(manager, interview, answer);
    }
    const events = await manager.find(InterviewEvent, {
      where: { interviewId: interview.id },
      order: { occurredAt: 'ASC' },
    });
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
    const candidates = await manager.query<
      { id: string; interview_id: string; minhash: number[]; similar_answer_ids: string[] }[]
    >(
      `SELECT id, interview_id, minhash, similar_answer_ids FROM interview_answers
        WHERE question_id = $1 AND candidate_id <> $2 AND minhash IS NOT NULL
          AND lsh_bands && $3::text[]
        LIMIT ${MAX_CANDIDATES}`,
      [answer.questionId, interview.candidateId, answer.lshBands],
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
    await manager.update(InterviewAnswer, { id: answer.id }, { similarAnswerIds: similar });
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
