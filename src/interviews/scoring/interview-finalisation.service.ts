import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { AppConfig, ScoringSettings } from '../../config/app-config';
import { AnswerScoreRecord } from '../entities/answer-score.entity';
import { Interview } from '../entities/interview.entity';
import type { ResultsStatus } from '../entities/interview.entity';
import { InterviewAnswer } from '../entities/interview-answer.entity';
import { IntegrityService } from '../integrity/integrity.service';
import { interviewOverall, recommendationFor } from './score-math';

// The 'interview-finalise' job, also run inline after a human review. It recomputes everything
// from the stored answers and scores, so running it again (a retry, a later review, a newly found
// near-duplicate) overwrites with the same or a better-informed result and never double-counts.
@Injectable()
export class InterviewFinalisationService {
  private readonly scoring: ScoringSettings;

  constructor(
    private readonly dataSource: DataSource,
    private readonly integrity: IntegrityService,
    private readonly audit: AuditService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.scoring = config.get<ScoringSettings>('scoring');
  }

  async finalise(interviewId: string, outer?: EntityManager): Promise<void> {
    const run = (manager: EntityManager) => this.finaliseIn(manager, interviewId);
    await (outer ? run(outer) : this.dataSource.transaction(run));
  }

  private async finaliseIn(manager: EntityManager, interviewId: string): Promise<void> {
    const interview = await manager
      .getRepository(Interview)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :id', { id: interviewId })
      .getOne();
    if (!interview || interview.status !== 'Completed') {
      return;
    }
    const answers = await manager.find(InterviewAnswer, { where: { interviewId } });
    const scores = answers.length
      ? await manager.find(AnswerScoreRecord, { where: { answerId: In(answers.map((a) => a.id)) } })
      : [];
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
    await manager.update(
      Interview,
      { id: interviewId },
      {
        resultsStatus,
        overallScore: overall,
        recommendation,
        fraudScore: fraud.score,
        fraudLevel: fraud.level,
        fraudSignals: fraud.signals,
        finalisedAt: resultsStatus === 'complete' ? new Date() : null,
      },
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
