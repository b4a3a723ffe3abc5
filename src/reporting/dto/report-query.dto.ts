import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

export class AnalyticsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One job; all jobs when absent' })
  @IsOptional()
  @IsUUID()
  job_id?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Applications applied on or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-03-31',
    description: 'Applications applied before this instant; a date alone includes that whole day',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class QualityQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One job; all jobs when absent' })
  @IsOptional()
  @IsUUID()
  job_id?: string;
}
