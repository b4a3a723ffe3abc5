import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { AppConfig, ScoringSettings } from '../../config/app-config';
import { QueueJob } from '../../queue/queue-job.decorator';
import { Transactions } from '../../database/transactions';
import { AnswerRepository } from '../answer.repository';
import type { ResultsStatus } from '../entities/interview.entity';
import { InterviewRepository } from '../interview.repository';
import { INTERVIEW_FINALISE_QUEUE } from '../interviews.queues';
import type { InterviewFinaliseJob } from '../interviews.queues';
import { IntegrityService } from '../integrity/integrity.service';
import { interviewOverall, recommendationFor } from './score-math';

// The 'interview-finalise' job, also run inline after a human review. It recomputes everything
// from the stored answers and scores, so running it again (a retry, a later review, a newly found
// near-duplicate) overwrites with the same or a better-informed result and never double-counts.
@Injectable()
export class InterviewFinalisationService {
  private readonly scoring: ScoringSettings;

  constructor(
    private readonly transactions: Transactions,
    private readonly interviews: InterviewRepository,
    private readonly answerRows: AnswerRepository,
    private readonly integrity: IntegrityService,
    private readonly audit: AuditService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.scoring = config.get<ScoringSettings>('scoring');
  }

  @QueueJob(INTERVIEW_FINALISE_QUEUE)
  async finaliseJob(job: InterviewFinaliseJob): Promise<void> {
    await this.finalise(job.interview_id);
  }

  async finalise(interviewId: string, outer?: EntityManager): Promise<void> {
    const run = (manager: EntityManager) => this.finaliseIn(manager, interviewId);
    await (outer ? run(outer) : this.transactions.run(run));
  }

  private async finaliseIn(manager: EntityManager, interviewId: string): Promise<void> {
    const interview = await this.interviews.lockById(interviewId, manager);
    if (!interview || interview.status !== 'Completed') {
      return;
    }
    const answers = await this.answerRows.forInterview(interviewId, manager);
    const scores = await this.answerRows.scoresOf(
      answers.map((a) => a.id),
      manager,
    );
    const fraud = await this.integrity.assess(manager, interview, answers, scores);

    const overalls: number[] = [];
    let unsettled = false;
    let awaitingHuman = false;
    for (const answer of answers) {
      const own = scores.filter((s) => s.answerId === answer.id);
      const effective =
        own.find((s) => s.kind === 'human') ?? own.find((s) => s.kind === 'machine');
      if (effective) {
        overalls.push(effective.overall);
      } else if (
        answer.scoringStatus === 'pending' ||
        answer.scoringStatus === 'awaiting_transcript'
      ) {
        unsettled = true;
      } else {
        awaitingHuman = true;
      }
    }
    const resultsStatus: ResultsStatus = unsettled
      ? 'scoring'
      : awaitingHuman
        ? 'awaiting_review'
        : 'complete';
    const overall =
      resultsStatus === 'complete' ? interviewOverall(overalls, interview.questionCount) : null;
    // Practice interviews are coaching, never a hiring decision.
    const recommendation =
      overall !== null && interview.kind === 'screening'
        ? recommendationFor(overall, this.scoring)
        : null;
    await this.interviews.update(
      interviewId,
      {
        resultsStatus,
        overallScore: overall,
        recommendation,
        fraudScore: fraud.score,
        fraudLevel: fraud.level,
        fraudSignals: fraud.signals,
        finalisedAt: resultsStatus === 'complete' ? new Date() : null,
      },
      manager,
    );
    const changed =
      resultsStatus !== interview.resultsStatus ||
      overall !== interview.overallScore ||
      recommendation !== interview.recommendation ||
      fraud.score !== interview.fraudScore;
    if (changed) {
      await this.audit.record(manager, {
        action: 'interview.finalised',
        targetType: 'interview',
        targetId: interviewId,
        metadata: {
          results_status: resultsStatus,
          overall_score: overall,
          recommendation,
          fraud_score: fraud.score,
        },
      });
    }
  }
}
