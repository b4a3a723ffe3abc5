import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/cursor';
import { UpdatedAfter } from '../../common/pagination/sync-window';
import { JOB_STATUSES } from '../entities/job.entity';
import type { JobStatus } from '../entities/job.entity';

const canonicalStatus = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? (JOB_STATUSES.find((s) => s.toLowerCase() === value.trim().toLowerCase()) ?? value)
    : value;

export class JobQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Full-text query over title, skills and description' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive substring of the location' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) job_type?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) work_mode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) experience_level?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) department?: string;

  @ApiPropertyOptional({
    description: 'Comma-separated skills; a job must require all of them (aliases understood)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  skills?: string;

  @ApiPropertyOptional({
    enum: JOB_STATUSES,
    description: 'Recruiter+ only; others always see Open jobs',
  })
  @IsOptional()
  @Transform(canonicalStatus)
  @IsIn(JOB_STATUSES)
  status?: JobStatus;
}

export class JobSearchQueryDto extends JobQueryDto {}

// The list (not the search) also syncs incrementally.
export class JobListQueryDto extends JobQueryDto {
  @UpdatedAfter()
  updated_after?: string;
}
