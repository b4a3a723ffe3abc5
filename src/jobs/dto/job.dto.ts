import {
  ApiProperty,
  ApiPropertyOptional,
  IntersectionType,
  OmitType,
  PartialType,
  PickType,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { JOB_STATUSES } from '../entities/job.entity';
import type { JobStatus } from '../entities/job.entity';
import { trimString } from '../../common/dto/transforms';

// Status is accepted case-insensitively ("open" → "Open").
const canonicalStatus = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? (JOB_STATUSES.find((s) => s.toLowerCase() === value.trim().toLowerCase()) ?? value)
    : value;

export class CreateJobDto {
  @ApiProperty({ example: 'Senior Backend Engineer', maxLength: 200 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: 'Build and run our hiring APIs on PostgreSQL and Kubernetes.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  description: string;

  @ApiPropertyOptional({ example: 'Acme Corp' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  company?: string;

  @ApiPropertyOptional({ example: 'Berlin, Germany' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  location?: string;

  @ApiPropertyOptional({
    example: '$120,000 - $150,000',
    description: 'Free text; numbers in it are used for matching',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  salary_range?: string;

  @ApiPropertyOptional({
    example: 'full-time',
    description: 'e.g. full-time, part-time, contract, internship',
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(40)
  job_type?: string;

  @ApiPropertyOptional({ example: 'remote', description: 'remote, hybrid or onsite' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(40)
  work_mode?: string;

  @ApiPropertyOptional({ example: 'senior', description: 'entry, junior, mid, senior or lead' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(40)
  experience_level?: string;

  @ApiPropertyOptional({ example: 'Engineering' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ type: [String], example: ['TypeScript', 'PostgreSQL', 'k8s'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  skills_required?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Nice-to-have skills (weigh less in matching)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  skills_nice_to_have?: string[];

  @ApiPropertyOptional({ enum: JOB_STATUSES, default: 'Open' })
  @IsOptional()
  @Transform(canonicalStatus)
  @IsIn(JOB_STATUSES)
  status?: JobStatus;
}

// PATCH may clear an optional field with null, but a job always has a title and a description:
// null there is refused (PartialType's default @IsOptional would let it through to the database).
export class UpdateJobDto extends IntersectionType(
  PartialType(PickType(CreateJobDto, ['title', 'description'] as const), {
    skipNullProperties: false,
  }),
  PartialType(OmitType(CreateJobDto, ['title', 'description'] as const)),
) {}
