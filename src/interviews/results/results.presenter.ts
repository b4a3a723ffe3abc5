import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AI_SOURCES } from '../../ai/ai-provider';
import { RECOMMENDATIONS, RESULTS_STATUSES } from '../entities/interview.entity';
import type { InterviewRecommendation, ResultsStatus } from '../entities/interview.entity';
import { SCORING_STATUSES } from '../entities/interview-answer.entity';
import type { ScoringStatus } from '../entities/interview-answer.entity';
import type { ScoredBy } from '../entities/answer-score.entity';
import { FraudRiskResponse } from '../interview.presenter';
import { ScoreSet } from './score-set';

export { ScoreSet } from './score-set';

export class MachineScore {
  @ApiProperty({ type: ScoreSet }) scores: ScoreSet;
  @ApiProperty({
    enum: AI_SOURCES,
    description: 'openai_compatible only when a self-hosted model is configured (LLM_BASE_URL)',
  })
  scored_by: ScoredBy;
  @ApiProperty({ nullable: true, type: String }) rationale: string | null;
  @ApiProperty({ type: [String] }) matched_key_points: string[];
  @ApiProperty({ type: [String] }) missed_key_points: string[];
  @ApiProperty({ type: [String], description: 'Scorer flags, e.g. copied_gold_answer, too_short' })
  flags: string[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why the configured model fell back to the offline scorer',
  })
  fallback_reason: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    minimum: 0,
    maximum: 1,
    description:
      "Agreement among the offline scorer's independent signals (0–1); null for a model's verdict",
  })
  confidence: number | null;
  @ApiProperty({ description: 'The scorer could not grade this answer with confidence' })
  needs_review: boolean;
  @ApiProperty({ type: [String], description: 'Why a human should grade it' })
  review_reasons: string[];
}

export class HumanReview {
  @ApiProperty({ type: ScoreSet }) scores: ScoreSet;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) reviewer_id: string | null;
  @ApiProperty({ format: 'date-time' }) reviewed_at: string;
}

export class AnswerResult {
  @ApiProperty({ format: 'uuid' }) answer_id: string;
  @ApiProperty({ format: 'uuid' }) question_id: string;
  @ApiProperty() question_text: string;
  @ApiProperty() order: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'null for audio answers not yet transcribed',
  })
  answer_text: string | null;
  @ApiProperty({ enum: ['text', 'audio'] }) input: 'text' | 'audio';
  @ApiProperty({ format: 'date-time' }) submitted_at: string;
  @ApiProperty({ enum: SCORING_STATUSES }) scoring_status: ScoringStatus;
  @ApiProperty({
    type: ScoreSet,
    nullable: true,
    description: 'The human review when there is one, else the machine score',
  })
  scores: ScoreSet | null;
  @ApiProperty({ nullable: true, type: String }) rationale: string | null;
  @ApiProperty({ type: [String] }) matched_key_points: string[];
  @ApiProperty({ type: [String] }) missed_key_points: string[];
  @ApiProperty({ enum: [...AI_SOURCES, 'human'], nullable: true, type: String })
  scored_by: ScoredBy | null;
  @ApiPropertyOptional({ type: MachineScore, nullable: true }) machine_scores: MachineScore | null;
  @ApiPropertyOptional({ type: HumanReview, nullable: true }) human_review: HumanReview | null;
  @ApiProperty({
    description:
      'The machine score is low-confidence and no human has reviewed the answer yet: grade it by hand',
  })
  needs_review: boolean;
  @ApiProperty({ type: [String], description: 'Why the machine score needs a human' })
  review_reasons: string[];
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: "Other candidates' near-identical answers",
  })
  similar_answer_ids: string[];
}

export class InterviewResultsResponse {
  @ApiProperty({ format: 'uuid' }) interview_id: string;
  @ApiProperty() status: string;
  @ApiProperty({
    enum: RESULTS_STATUSES,
    description:
      'complete once every answer has a score; awaiting_review while answers wait for a human',
  })
  results_status: ResultsStatus;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Mean of per-question overalls; unanswered questions count 0',
  })
  overall_score: number | null;
  @ApiProperty({ enum: RECOMMENDATIONS, nullable: true, type: String })
  recommendation: InterviewRecommendation | null;
  @ApiProperty({ type: FraudRiskResponse }) fraud_risk: FraudRiskResponse;
  @ApiProperty({ type: [AnswerResult] }) answers: AnswerResult[];
  @ApiProperty({ type: [String], format: 'uuid' }) unanswered_question_ids: string[];
}

export class PracticeAnswerFeedback {
  @ApiProperty({ format: 'uuid' }) question_id: string;
  @ApiProperty() question_text: string;
  @ApiProperty() order: number;
  @ApiProperty({ enum: SCORING_STATUSES }) scoring_status: ScoringStatus;
  @ApiProperty({ type: ScoreSet, nullable: true }) scores: ScoreSet | null;
  @ApiProperty({ type: [String], description: 'What to do better next time' }) coaching: string[];
}

export class PracticeFeedbackResponse {
  @ApiProperty({ format: 'uuid' }) interview_id: string;
  @ApiProperty() track: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: Number }) overall_score: number | null;
  @ApiProperty({ type: [PracticeAnswerFeedback] }) answers: PracticeAnswerFeedback[];
}
