import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { APPLICATION_STATUSES } from '../pipeline';
import type { ApplicationStatus } from '../pipeline';

export const STAGE_KEY = /^[a-z0-9_-]{1,40}$/;
export const STAGE_KEY_MESSAGE = 'must be 1–40 characters of a-z, 0-9, _ and -';

// Rejected and Withdrawn belong to the implicit outcome stages only.
export const WORKING_STATUSES = APPLICATION_STATUSES.filter(
  (s) => s !== 'Rejected' && s !== 'Withdrawn',
);

export class PipelineStageDto {
  @ApiProperty({ example: 'tech_screen', pattern: STAGE_KEY.source })
  @Matches(STAGE_KEY, { message: `key ${STAGE_KEY_MESSAGE}` })
  key: string;

  @ApiProperty({ example: 'Technical screen', maxLength: 80 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  name: string;

  @ApiProperty({ enum: WORKING_STATUSES, description: 'The coarse status of applications here' })
  @IsIn(WORKING_STATUSES)
  status: ApplicationStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  sla_days?: number | null;
}

export class SetPipelineDto {
  @ApiProperty({
    type: [PipelineStageDto],
    description:
      'Ordered working stages; the first is where new applications start. rejected and withdrawn are implicit outcomes and may not be listed.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ArrayUnique((s: PipelineStageDto) => s?.key, { message: 'stage keys must be unique' })
  @ValidateNested({ each: true })
  @Type(() => PipelineStageDto)
  stages: PipelineStageDto[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { screening: 'tech_screen' },
    description:
      'Where the applications of each removed stage go: { removed_stage_key: target_stage_key }. Required for every removed stage that holds applications (409 otherwise).',
  })
  @IsOptional()
  @IsObject()
  moves?: Record<string, string>;
}

export class BoardQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  job_id: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100,
    default: 20,
    description: 'Applications per stage',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
