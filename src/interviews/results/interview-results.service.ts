import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { ForbiddenProblem, NotFoundProblem } from '../../common/errors/domain.exception';
import type { AppConfig, ScoringSettings } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import { ReviewAnswerDto } from '../dto/session.dto';
import { AnswerRepository } from '../answer.repository';
import type { AnswerScoreRecord } from '../entities/answer-score.entity';
import type { Interview } from '../entities/interview.entity';
import type { InterviewAnswer } from '../entities/interview-answer.entity';
import type { InterviewQuestion } from '../entities/interview-question.entity';
import { InterviewAccessService } from '../interview-access.service';
import { InterviewFinalisationService } from '../scoring/interview-finalisation.service';
import { weightedOverall } from '../scoring/score-math';
import { candidateAnswerAssessment, candidateSeesAssessment } from './candidate-assessment';
import {
  AnswerResult,
  InterviewResultsResponse,
  PracticeFeedbackResponse,
} from './results.presenter';
import { scoreSet } from './score-set';

interface Loaded {
  interview: Interview;
  questions: InterviewQuestion[];
  answers: InterviewAnswer[];
  scores: AnswerScoreRecord[];
}

// Staff results (scores, rationale, key points, fraud risk), human reviews, and the practice
// feedback a candidate sees about their own practice answers only.
@Injectable()
export class InterviewResultsService {
  private readonly scoring: ScoringSettings;

  constructor(
    private readonly transactions: Transactions,
    private readonly access: InterviewAccessService,
    private readonly answers: AnswerRepository,
    private readonly finalisation: InterviewFinalisationService,
    private readonly audit: AuditService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.scoring = config.get<ScoringSettings>('scoring');
  }

  async results(viewer: AuthUser, id: string): Promise<InterviewResultsResponse> {
    const { interview, questions, answers, scores } = await this.load(
      await this.access.loadForViewer(viewer, id),
    );
    return {
      interview_id: interview.id,
      status: interview.status,
      results_status: interview.resultsStatus,
      overall_score: interview.overallScore,
      recommendation: interview.recommendation,
      fraud_risk: {
        score: interview.fraudScore,
        level: interview.fraudLevel,
        signals: interview.fraudSignals,
      },
      answers: answers.map((a) => this.answerResult(a, questions, scores)),
      unanswered_question_ids: questions
        .filter((q) => !answers.some((a) => a.questionId === q.questionId))
        .map((q) => q.questionId),
    };
  }

  // A domain expert's scores replace the machine's in the results (which stay visible beside
  // them); the interview is re-finalised in the same transaction.
  async review(
    reviewer: AuthUser,
    interviewId: string,
    answerId: string,
    dto: ReviewAnswerDto,
  ): Promise<AnswerResult> {
    await this.transactions.run(async (manager) => {
      await this.access.lock(manager, interviewId);
      const answer = await this.answers.findInInterview(answerId, interviewId, manager);
      if (!answer) {
        throw new NotFoundProblem('Answer');
      }
      const dims = { ...dto.scores };
      await this.answers.upsertHumanScore(
        {
          id: randomUUID(),
          answerId,
          kind: 'human',
          scoredBy: 'human',
          ...dims,
          overall: weightedOverall(dims, this.scoring.weights),
          rationale: dto.comment.trim(),
          matchedKeyPoints: [],
          missedKeyPoints: [],
          flags: [],
          coaching: [],
          fallbackReason: null,
          confidence: null,
          needsReview: false,
          reviewReasons: [],
          reviewerId: reviewer.id,
        },
        manager,
      );
      if (answer.scoringStatus === 'awaiting_human') {
        await this.answers.update(answerId, { scoringStatus: 'scored' }, manager);
      }
      await this.audit.record(manager, {
        actorId: reviewer.id,
        actorRole: reviewer.role,
        action: 'interview.answer_reviewed',
        targetType: 'interview',
        targetId: interviewId,
        metadata: { answer_id: answerId },
      });
      await this.finalisation.finalise(interviewId, manager);
    });
    const loaded = await this.load(await this.access.loadForViewer(reviewer, interviewId));
    const answer = loaded.answers.find((a) => a.id === answerId)!;
    return this.answerResult(answer, loaded.questions, loaded.scores);
  }

  async practiceFeedback(viewer: AuthUser, id: string): Promise<PracticeFeedbackResponse> {
    const interview = await this.access.loadForViewer(viewer, id);
    if (!candidateSeesAssessment(interview.kind)) {
      throw new ForbiddenProblem(
        'FEEDBACK_PRACTICE_ONLY',
        'Feedback is available for practice interviews only; screening results are for the hiring team',
      );
    }
    const { questions, answers, scores } = await this.load(interview);
    return {
      interview_id: interview.id,
      track: interview.track ?? '',
      status: interview.status,
      overall_score: interview.overallScore,
      answers: answers.map((a) => {
        const question = questions.find((q) => q.questionId === a.questionId);
        const assessment = candidateAnswerAssessment(
          interview.kind,
          scores.filter((s) => s.answerId === a.id),
        );
        return {
          question_id: a.questionId,
          question_text: question?.questionText ?? '',
          order: question?.position ?? 0,
          scoring_status: a.scoringStatus,
          scores: assessment?.scores ?? null,
          coaching: assessment?.coaching ?? [],
        };
      }),
    };
  }

  private async load(interview: Interview): Promise<Loaded> {
    const questions = await this.access.questionsOf(interview.id);
    const answers = await this.answers.forInterview(interview.id);
    answers.sort(
      (a, b) =>
        (questions.find((q) => q.questionId === a.questionId)?.position ?? 0) -
        (questions.find((q) => q.questionId === b.questionId)?.position ?? 0),
    );
    const scores = await this.answers.scoresOf(answers.map((a) => a.id));
    return { interview, questions, answers, scores };
  }

  private answerResult(
    answer: InterviewAnswer,
    questions: InterviewQuestion[],
    scores: AnswerScoreRecord[],
  ): AnswerResult {
    const question = questions.find((q) => q.questionId === answer.questionId);
    const machine = scores.find((s) => s.answerId === answer.id && s.kind === 'machine') ?? null;
    const human = scores.find((s) => s.answerId === answer.id && s.kind === 'human') ?? null;
    const effective = human ?? machine;
    return {
      answer_id: answer.id,
      question_id: answer.questionId,
      question_text: question?.questionText ?? '',
      order: question?.position ?? 0,
      answer_text: answer.answerText,
      input: answer.input,
      submitted_at: answer.submittedAt.toISOString(),
      scoring_status: answer.scoringStatus,
      scores: effective ? scoreSet(effective) : null,
      rationale: effective?.rationale ?? null,
      matched_key_points: machine?.matchedKeyPoints ?? [],
      missed_key_points: machine?.missedKeyPoints ?? [],
      scored_by: effective?.scoredBy ?? null,
      machine_scores: machine
        ? {
            scores: scoreSet(machine),
            scored_by: machine.scoredBy,
            rationale: machine.rationale,
            matched_key_points: machine.matchedKeyPoints,
            missed_key_points: machine.missedKeyPoints,
            flags: machine.flags,
            fallback_reason: machine.fallbackReason,
            confidence: machine.confidence,
            needs_review: machine.needsReview,
            review_reasons: machine.reviewReasons,
          }
        : null,
      needs_review: !human && (machine?.needsReview ?? false),
      review_reasons: human ? [] : (machine?.reviewReasons ?? []),
      human_review: human
        ? {
            scores: scoreSet(human),
            comment: human.rationale,
            reviewer_id: human.reviewerId,
            reviewed_at: human.updatedAt.toISOString(),
          }
        : null,
      similar_answer_ids: answer.similarAnswerIds,
    };
  }
}
