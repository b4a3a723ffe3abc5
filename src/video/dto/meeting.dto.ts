import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination/cursor';
import { MEETING_STATUSES } from '../entities/video-meeting.entity';
import type { MeetingStatus } from '../entities/video-meeting.entity';

export class CreateMeetingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  interview_id: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Defaults to "Interview: <job title>"',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  topic?: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:30:00Z' })
  @IsISO8601({ strict: true })
  start_time: string;

  @ApiProperty({ minimum: 5, maximum: 480, example: 45 })
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(480)
  duration_minutes: number;
}

export class MeetingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  interview_id?: string;

  @ApiPropertyOptional({ enum: MEETING_STATUSES })
  @IsOptional()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;
}

export class RecordingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  interview_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  meeting_id?: string;
}

export class RecordingSyncDto {
  @ApiPropertyOptional({ format: 'date', description: 'Default: 30 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Default: today (UTC)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
