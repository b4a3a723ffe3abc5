import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class RejectionEmailDto {
  @ApiPropertyOptional({
    enum: ['application_rejected'],
    description:
      "Template key (only application_rejected); the job's own wording applies when it has one (PUT /api/jobs/:id/email-templates/application_rejected)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  template?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Send later (many teams wait a day or two); un-rejecting before then cancels it',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  send_at?: string;
}

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

  // E-mail the applicant the rejection (application_rejected); omitted, nothing is sent. A bare $ref
  // in the schema: RejectionEmailDto describes itself.
  @ApiPropertyOptional({ type: RejectionEmailDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RejectionEmailDto)
  send_email?: RejectionEmailDto;
}

export class StageActionDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
