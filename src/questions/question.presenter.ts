import { ApiProperty } from '@nestjs/swagger';
import { AI_SOURCES, DIFFICULTIES, QUESTION_TYPES, type AiSource } from '../ai/ai-provider';
import type { Difficulty, QuestionType } from '../ai/ai-provider';
import { QUESTION_VERSION_ACTIONS } from './entities/question-version.entity';
import type { QuestionVersion, QuestionVersionAction } from './entities/question-version.entity';
import { Question, QUESTION_SOURCES } from './entities/question.entity';
import type { QuestionSource } from './entities/question.entity';

export class QuestionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) job_id: string;
  @ApiProperty() question_text: string;
  @ApiProperty({ enum: QUESTION_TYPES }) question_type: QuestionType;
  @ApiProperty({ enum: DIFFICULTIES }) difficulty_level: Difficulty;
  @ApiProperty({ type: [String] }) skills_tested: string[];
  @ApiProperty({ description: 'Reference answer used for scoring; never sent to candidates' })
  gold_standard_answer: string;
  @ApiProperty({ type: [String], description: 'Never sent to candidates' }) key_points: string[];
  @ApiProperty() is_approved: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) approved_by: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) approved_at: string | null;
  @ApiProperty({ enum: QUESTION_SOURCES }) source: QuestionSource;
  @ApiProperty({ description: 'Bumped by every edit and review decision' }) version: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) created_by: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

// What a candidate may see of a question: its text and type, nothing used for scoring.
export class CandidateQuestionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() question_text: string;
  @ApiProperty({ enum: QUESTION_TYPES }) question_type: QuestionType;
}

export class QuestionPageResponse {
  @ApiProperty({ type: [QuestionResponse] }) items: QuestionResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

export class ApprovedQuestionPageResponse {
  @ApiProperty({
    description:
      'Recruiter+: full questions (QuestionResponse). Candidates: { id, question_text, question_type } only.',
    type: [QuestionResponse],
  })
  items: (QuestionResponse | CandidateQuestionResponse)[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

export class GeneratedQuestionsResponse {
  @ApiProperty({ type: [QuestionResponse], description: 'New, unapproved questions' })
  items: QuestionResponse[];
  @ApiProperty({
    enum: AI_SOURCES,
    description:
      'Which generator produced them; openai_compatible only when a self-hosted model is configured (LLM_BASE_URL)',
  })
  source: AiSource;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why Gemini was not used although configured (e.g. gemini_timeout)',
  })
  fallback_reason: string | null;
}

export class QuestionListResponse {
  @ApiProperty({ type: [QuestionResponse] }) items: QuestionResponse[];
}

export class QuestionVersionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) question_id: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: QUESTION_VERSION_ACTIONS }) action: QuestionVersionAction;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actor_id: string | null;
  @ApiProperty({ nullable: true, type: String }) actor_role: string | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({
    description: 'The question as it stood after this change',
    type: QuestionResponse,
  })
  snapshot: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class QuestionVersionListResponse {
  @ApiProperty({ type: [QuestionVersionResponse], description: 'Oldest first' })
  items: QuestionVersionResponse[];
}

export function presentQuestion(q: Question): QuestionResponse {
  return {
    id: q.id,
    job_id: q.jobId as string,
    question_text: q.questionText,
    question_type: q.questionType,
    difficulty_level: q.difficultyLevel,
    skills_tested: q.skillsTested,
    gold_standard_answer: q.goldStandardAnswer,
    key_points: q.keyPoints,
    is_approved: q.isApproved,
    approved_by: q.approvedBy,
    approved_at: q.approvedAt ? q.approvedAt.toISOString() : null,
    source: q.source,
    version: q.version,
    created_by: q.createdBy,
    created_at: q.createdAt.toISOString(),
    updated_at: q.updatedAt.toISOString(),
  };
}

export function presentQuestionForCandidate(q: Question): CandidateQuestionResponse {
  return { id: q.id, question_text: q.questionText, question_type: q.questionType };
}

export function presentVersion(v: QuestionVersion): QuestionVersionResponse {
  return {
    id: v.id,
    question_id: v.questionId,
    version: v.version,
    action: v.action,
    actor_id: v.actorId,
    actor_role: v.actorRole,
    comment: v.comment,
    snapshot: v.snapshot,
    created_at: v.createdAt.toISOString(),
  };
}
