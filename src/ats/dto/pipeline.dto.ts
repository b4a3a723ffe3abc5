import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { STAGE_KEY, STAGE_KEY_MESSAGE } from '../../pipeline';
import { RejectionEmailDto } from './application-action.dto';

export class MoveStageDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  application_id: string;

  @ApiProperty({ example: 'interview' })
  @Matches(STAGE_KEY, { message: `to_stage ${STAGE_KEY_MESSAGE}` })
  to_stage: string;

  @ApiPropertyOptional({
    example: 'screening',
    description: 'The stage the caller saw; 409 when the application has moved since',
  })
  @IsOptional()
  @Matches(STAGE_KEY, { message: `from_stage ${STAGE_KEY_MESSAGE}` })
  from_stage?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'Required when to_stage is rejected' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  // E-mail the applicant the rejection (application_rejected); omitted, nothing is sent. A bare $ref
  // in the schema: RejectionEmailDto describes itself.
  @ApiPropertyOptional({ type: RejectionEmailDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RejectionEmailDto)
  send_email?: RejectionEmailDto;
}
