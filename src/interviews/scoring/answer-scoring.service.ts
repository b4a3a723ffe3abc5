import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AI_PROVIDER } from '../../ai/ai-provider';
import type { AiProvider, AiSource, AnswerScore } from '../../ai/ai-provider';
import type { AppConfig, ScoringSettings } from '../../config/app-config';
import { ConsentService } from '../../consent/consent.service';
import { Transactions } from '../../database/transactions';
import { QueueJob } from '../../queue/queue-job.decorator';
import { QueueService } from '../../queue/queue.service';
import { AnswerRepository } from '../answer.repository';
import type { Interview } from '../entities/interview.entity';
import type { InterviewAnswer, ScoringStatus } from '../entities/interview-answer.entity';
import { InterviewRepository } from '../interview.repository';
import { ANSWER_SCORE_QUEUE, INTERVIEW_FINALISE_QUEUE } from '../interviews.queues';
import type { AnswerScoreJob } from '../interviews.queues';
import { clampDimension, roundScore, weightedOverall } from './score-math';

// Scores still outstanding before an interview can be finalised.
const UNSETTLED: readonly ScoringStatus[] = ['pending', 'awaiting_transcript'];

// The 'answer-score' job. Safe to run any number of times for one answer: it works only on a
// pending answer, writes at most one machine score (unique answer + kind, ON CONFLICT DO
// NOTHING) and flips the status in the same transaction, under the interview's row lock.
@Injectable()
export class AnswerScoringService {
  private readonly logger = new Logger(AnswerScoringService.name);
  private readonly scoring: ScoringSettings;

  constructor(
    private readonly transactions: Transactions,
    private readonly interviews: InterviewRepository,
    private readonly answers: AnswerRepository,
    private readonly consent: ConsentService,
    private readonly queue: QueueService,
    @Inject(AI_PROVIDER) private readonly ai: AiProvider,
    config: ConfigService<AppConfig, true>,
  ) {
    this.scoring = config.get<ScoringSettings>('scoring');
  }

  @QueueJob(ANSWER_SCORE_QUEUE, { concurrency: 4 })
  async scoreJob(job: AnswerScoreJob): Promise<void> {
    await this.scoreAnswer(job.answer_id);
  }

  async scoreAnswer(answerId: string): Promise<void> {
    const answer = await this.answers.findById(answerId);
    if (!answer || answer.scoringStatus !== 'pending' || answer.answerText === null) {
      return;
    }
    // Consent is checked again here: it may have been withdrawn since the answer was queued.
    if (!(await this.consent.has(answer.candidateId, 'ai_evaluation'))) {
      await this.settle(answer, null);
      return;
    }
    const question = await this.interviews.findQuestion(answer.interviewId, answer.questionId);
    if (!question) {
      throw new Error(`Answer ${answer.id} names no question of its interview`);
    }
    const result = await this.ai.scoreAnswer({
      questionText: question.questionText,
      goldStandardAnswer: question.goldStandardAnswer,
      keyPoints: question.keyPoints,
      answerText: answer.answerText,
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
    await this.transactions.run(async (manager) => {
      const interview = await this.interviews.lockById(answer.interviewId, manager);
      const current = await this.answers.findById(answer.id, manager);
      if (!interview || current?.scoringStatus !== 'pending') {
        return;
      }
      if (machine) {
        await this.insertMachineScore(manager, answer.id, machine);
      }
      await this.answers.update(
        answer.id,
        { scoringStatus: machine ? 'scored' : 'awaiting_human' },
        manager,
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
    await this.answers.insertMachineScore(
      {
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
      },
      manager,
    );
  }

  async finaliseWhenSettled(manager: EntityManager, interview: Interview): Promise<void> {
    if (interview.status !== 'Completed') {
      return;
    }
    if ((await this.answers.countUnsettled(interview.id, UNSETTLED, manager)) === 0) {
      await this.queue.enqueue(
        INTERVIEW_FINALISE_QUEUE,
        { interview_id: interview.id },
        { manager },
      );
    }
  }
}
