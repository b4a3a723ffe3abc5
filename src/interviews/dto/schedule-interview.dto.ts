import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SyncPageQueryDto } from '../../common/pagination/sync-window';
import {
  INTERVIEW_KINDS,
  INTERVIEW_MODES,
  INTERVIEW_STATUSES,
  VIDEO_CHOICES,
} from '../entities/interview.entity';
import type {
  InterviewKind,
  InterviewMode,
  InterviewStatus,
  VideoChoice,
} from '../entities/interview.entity';

export class ScheduleInterviewDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  application_id: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:30:00Z' })
  @IsISO8601({ strict: true })
  scheduled_at: string;

  @ApiPropertyOptional({ minimum: 5, maximum: 480, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(480)
  duration_minutes?: number;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Approved questions of the job, in the order they are asked',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  question_ids?: string[];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 50,
    default: 5,
    description: 'Pick this many approved questions of the job (instead of question_ids)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  question_count?: number;

  @ApiProperty({ enum: INTERVIEW_MODES })
  @IsIn(INTERVIEW_MODES)
  mode: InterviewMode;

  @ApiPropertyOptional({ enum: VIDEO_CHOICES, default: 'none' })
  @IsOptional()
  @IsIn(VIDEO_CHOICES)
  video?: VideoChoice;
}

export class RescheduleInterviewDto {
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  scheduled_at?: string;

  @ApiPropertyOptional({ minimum: 5, maximum: 480 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(480)
  duration_minutes?: number;

  @ApiPropertyOptional({ enum: INTERVIEW_MODES })
  @IsOptional()
  @IsIn(INTERVIEW_MODES)
  mode?: InterviewMode;

  @ApiPropertyOptional({ enum: VIDEO_CHOICES })
  @IsOptional()
  @IsIn(VIDEO_CHOICES)
  video?: VideoChoice;
}

export class CancelInterviewDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class InterviewQueryDto extends SyncPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  job_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  application_id?: string;

  @ApiPropertyOptional({ enum: INTERVIEW_STATUSES })
  @IsOptional()
  @IsIn(INTERVIEW_STATUSES)
  status?: InterviewStatus;

  @ApiPropertyOptional({ enum: INTERVIEW_KINDS })
  @IsOptional()
  @IsIn(INTERVIEW_KINDS)
  kind?: InterviewKind;
}
