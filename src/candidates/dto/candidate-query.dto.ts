import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SyncPageQueryDto } from '../../common/pagination/sync-window';

export class CandidateQueryDto extends SyncPageQueryDto {
  @ApiPropertyOptional({
    description: 'Exact e-mail, a name word, or part of the current position/company',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Comma-separated skills the candidate must all have' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  skills?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only candidates who applied to this job' })
  @IsOptional()
  @IsUUID()
  job_id?: string;

  @ApiPropertyOptional({ description: 'Only candidates with an application in this stage' })
  @IsOptional()
  @Matches(/^[a-z0-9_-]{1,40}$/)
  stage?: string;
}

export class MatchingQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  job_id: string;

  @ApiPropertyOptional({ enum: ['applicants', 'all'], default: 'applicants' })
  @IsOptional()
  @IsIn(['applicants', 'all'])
  scope?: 'applicants' | 'all';

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
