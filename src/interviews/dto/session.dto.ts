import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { PROCTORING_EVENT_TYPES } from '../entities/interview-event.entity';
import type { ProctoringEventType } from '../entities/interview-event.entity';
import { SCORING_STATUSES } from '../entities/interview-answer.entity';
import type { ScoringStatus } from '../entities/interview-answer.entity';

export const MAX_ANSWER_CHARS = 20000;

export class SubmitAnswerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  question_id: string;

  @ApiPropertyOptional({
    maxLength: MAX_ANSWER_CHARS,
    description: 'Required for JSON; multipart sends an `audio` file instead',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_ANSWER_CHARS)
  answer_text?: string;
}

export class AnswerReceipt {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) question_id: string;
  @ApiProperty({
    enum: SCORING_STATUSES,
    description:
      'pending: queued for AI scoring. awaiting_human: no ai_evaluation consent, a domain expert scores it. awaiting_transcript: audio stored, waiting for its transcript (background job or POST /api/transcribe with answer_id).',
  })
  scoring_status: ScoringStatus;
  @ApiProperty({ format: 'date-time' }) submitted_at: string;
}

const MAX_DETAIL_KEYS = 10;

// Small flat objects only: numbers, booleans and short strings.
function isFlatDetail(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return false;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return (
    entries.length <= MAX_DETAIL_KEYS &&
    entries.every(
      ([key, v]) =>
        key.length <= 40 &&
        (typeof v === 'boolean' ||
          (typeof v === 'number' && Number.isFinite(v)) ||
          (typeof v === 'string' && v.length <= 200)),
    )
  );
}

export class ProctoringEventDto {
  @ApiProperty({ enum: PROCTORING_EVENT_TYPES })
  @IsIn(PROCTORING_EVENT_TYPES)
  type: ProctoringEventType;

  @ApiProperty({ format: 'date-time', description: 'When the browser saw it' })
  @IsISO8601({ strict: true })
  at: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The question on screen, if any' })
  @IsOptional()
  @IsUUID()
  question_id?: string;

  @ApiPropertyOptional({
    type: Object,
    example: { length: 420 },
    description:
      'Flat object (≤ 10 keys; numbers, booleans, strings ≤ 200 chars), e.g. `length` of pasted text, `faces` on camera, `duration_ms`. Only numbers and booleans are kept: text (such as what was pasted) is never stored.',
  })
  @IsOptional()
  @IsObject()
  @ValidateBy({
    name: 'flatDetail',
    validator: {
      validate: isFlatDetail,
      defaultMessage: () =>
        'detail must be a flat object of at most 10 numbers, booleans or short strings',
    },
  })
  detail?: Record<string, string | number | boolean>;
}

export class ReviewScoresDto {
  @ApiProperty({ minimum: 0, maximum: 10 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(10)
  relevance: number;

  @ApiProperty({ minimum: 0, maximum: 10 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(10)
  completeness: number;

  @ApiProperty({ minimum: 0, maximum: 10 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(10)
  accuracy: number;

  @ApiProperty({ minimum: 0, maximum: 10 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(10)
  clarity: number;
}

export class ReviewAnswerDto {
  @ApiProperty({ type: ReviewScoresDto })
  @ValidateNested()
  @Type(() => ReviewScoresDto)
  scores: ReviewScoresDto;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment: string;
}
