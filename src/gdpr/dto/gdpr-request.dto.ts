import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsEmailAddress } from '../../common/dto/email-address';
import { EXPORT_FORMATS } from '../entities/gdpr-export.entity';
import type { ExportFormat } from '../entities/gdpr-export.entity';

// Admin only: whose data. Without either, the request is about the caller.
export class SubjectSelectorDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admin only: the candidate concerned' })
  @IsOptional()
  @IsUUID()
  candidate_id?: string;

  @ApiPropertyOptional({ description: 'Admin only: the person’s e-mail address' })
  @IsOptional()
  @IsEmailAddress()
  email?: string;
}

export class CreateExportDto extends SubjectSelectorDto {
  @ApiProperty({ enum: EXPORT_FORMATS, description: 'json: one document; csv: a zip' })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;
}

export class CreateErasureDto extends SubjectSelectorDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Kept encrypted until the erasure ends' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
