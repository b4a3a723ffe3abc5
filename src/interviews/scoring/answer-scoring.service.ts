import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AI_PROVIDER } from '../../ai/ai-provider';
import type { AiProvider, AiSource, AnswerScore } from '../../ai/ai-provider';
import type { AppConfig, ScoringSettings } from '../../config/app-config';
import { ConsentService } from '../../consent/consent.service';
import { CryptoService } from '../../crypto/crypto.service';
import { QueueService } from '../../queue/queue.service';
import { AnswerScoreRecord } from '../entities/answer-score.entity';
import { Interview } from '../entities/interview.entity';
import { InterviewAnswer } from '../entities/interview-answer.entity';
import { InterviewQuestion } from '../entities/interview-question.entity';
import { answerAad } from '../session/answer-submission.service';
import { INTERVIEW_FINALISE_QUEUE } from '../interviews.queues';
import { clampDimension, roundScore, weightedOverall } from './score-math';

// Scores still outstanding before an interview can be finalised.
const UNSETTLED: readonly string[] = ['pending', 'awaiting_transcript'];

// The 'answer-score' job. Safe to run any number of times for one answer: it works only on a
// pending answer, writes at most one machine score (unique answer + kind, ON CONFLICT DO
// NOTHING) and flips the status in the same transaction, under the interview's row lock.
@Injectable()
export class AnswerScoringService {
  private readonly logger = new Logger(AnswerScoringService.name);
  private readonly scoring: ScoringSettings;

  constructor(
    private readonly dataSource: DataSource,
    private readonly consent: ConsentService,
    private readonly crypto: CryptoService,
    private readonly queue: QueueService,
    @Inject(AI_PROVIDER) private readonly ai: AiProvider,
    config: ConfigService<AppConfig, true>,
  ) {
    this.scoring = config.get<ScoringSettings>('scoring');
  }

  async scoreAnswer(answerId: string): Promise<void> {
    const answer = await this.dataSource.getRepository(InterviewAnswer).findOneBy({ id: answerId });
    if (!answer || answer.scoringStatus !== 'pending' || !answer.answerTextEncrypted) {
      return;
    }
    // Consent is checked again here: it may have been withdrawn since the answer was queued.
    if (!(await this.consent.has(answer.candidateId, 'ai_evaluation'))) {
      await this.settle(answer, null);
      return;
    }
    const question = await this.dataSource
      .getRepository(InterviewQuestion)
      .findOneByOrFail({ interviewId: answer.interviewId, questionId: answer.questionId });
    const result = await this.ai.scoreAnswer({
      questionText: question.questionText,
      goldStandardAnswer: question.goldStandardAnswer,
      keyPoints: question.keyPoints,
      answerText: this.crypto.decrypt(answer.answerTextEncrypted, answerAad(answer.id)),
      questionType: question.questionType,
      skills: question.skillsTested,
    });
    if (result.fallbackReason) {
      this.logger.warn(`Answer ${answer.id} scored offline: ${result.fallbackReason}`);
    }
    await this.settle(answer, {
      score: result.value,
      source: result.source,
      fallbackReason: result.fallbackReason,
    });
  }

  // Records the machine score (or, with no consent, hands the answer to a human) and queues the
  // finalisation once the interview is completed and nothing is left to score.
  private async settle(
    answer: InterviewAnswer,
    machine: { score: AnswerScore; source: AiSource; fallbackReason?: string } | null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const interview = await manager
        .getRepository(Interview)
        .createQueryBuilder('i')
        .setLock('pessimistic_write')
        .where('i.id = :id', { id: answer.interviewId })
        .getOne();
      const current = await manager.findOneBy(InterviewAnswer, { id: answer.id });
      if (!interview || current?.scoringStatus !== 'pending') {
        return;
      }
      if (machine) {
        await this.insertMachineScore(manager, answer.id, machine);
      }
      await manager.update(
        InterviewAnswer,
        { id: answer.id },
        { scoringStatus: machine ? 'scored' : 'awaiting_human' },
      );
      await this.finaliseWhenSettled(manager, interview);
    });
  }

  private async insertMachineScore(
    manager: EntityManager,
    answerId: string,
    machine: { score: AnswerScore; source: AiSource; fallbackReason?: string },
  ): Promise<void> {
    const s = machine.score.scores;
    const dims = {
      relevance: roundScore(clampDimension(s.relevance)),
      completeness: roundScore(clampDimension(s.completeness)),
      accuracy: roundScore(clampDimension(s.accuracy)),
      clarity: roundScore(clampDimension(s.clarity)),
    };
    await manager
      .createQueryBuilder()
      .insert()
      .into(AnswerScoreRecord)
      .values({
        id: randomUUID(),
        answerId,
        kind: 'machine',
        scoredBy: machine.source,
        ...dims,
        overall: weightedOverall(dims, this.scoring.weights),
        rationale: machine.score.rationale,
        matchedKeyPoints: machine.score.matched_key_points,
        missedKeyPoints: machine.score.missed_key_points,
        flags: machine.score.flags,
        coaching: machine.score.coaching ?? [],
        fallbackReason: machine.fallbackReason ?? null,
        confidence: machine.score.confidence?.value ?? null,
        needsReview: machine.score.confidence?.needs_review ?? false,
        reviewReasons: machine.score.confidence?.reasons ?? [],
        reviewerId: null,
      })
      .orIgnore()
      .execute();
  }

  async finaliseWhenSettled(manager: EntityManager, interview: Interview): Promise<void> {
    if (interview.status !== 'Completed') {
      return;
    }
    const [{ open }] = await manager.query<{ open: number }[]>(
      `SELECT count(*)::int AS open FROM interview_answers a
        WHERE a.interview_id = $1 AND a.scoring_status = ANY($2)
          AND NOT EXISTS (SELECT 1 FROM answer_scores s WHERE s.answer_id = a.id AND s.kind = 'human')`,
      [interview.id, UNSETTLED],
    );
    if (open === 0) {
      await this.queue.enqueue(
        INTERVIEW_FINALISE_QUEUE,
        { interview_id: interview.id },
        { manager },
      );
    }
  }
}
