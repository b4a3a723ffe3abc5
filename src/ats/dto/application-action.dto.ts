import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class RejectApplicationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One of GET /api/ats/rejection-reasons' })
  @IsOptional()
  @IsUUID()
  rejection_reason_id?: string;

  @ApiPropertyOptional({
    maxLength: 300,
    description: 'Free-text reason (filed under "Other") when no rejection_reason_id is given',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  rejection_reason?: string;

  @ApiPropertyOptional({ maxLength: 190 })
  @IsOptional()
  @IsString()
  @MaxLength(190)
  notes?: string;
}

export class StageActionDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
