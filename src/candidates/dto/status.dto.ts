import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { APPLICATION_STATUSES } from '../../pipeline';
import type { ApplicationStatus } from '../../pipeline';

export class ApplicationStatusDto {
  @ApiProperty({ enum: APPLICATION_STATUSES })
  @IsIn(APPLICATION_STATUSES)
  status: ApplicationStatus;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class CandidateStatusDto extends ApplicationStatusDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Which application; defaults to the candidate's latest",
  })
  @IsOptional()
  @IsUUID()
  application_id?: string;
}

export class WithdrawDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
