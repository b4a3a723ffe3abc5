import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsBoolean,
  IsArray,
  IsEmail,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
// Multipart forms send every field as text.
const bool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
const list = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

export class ApplyDto {
  @ApiProperty({ example: 'Ada Lovelace' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  applicant_name: string;

  @ApiProperty({ example: 'ada@example.com' })
  @Transform(trim)
  @IsEmail({}, { message: 'applicant_email must be a valid e-mail address' })
  @MaxLength(254)
  applicant_email: string;

  @ApiPropertyOptional({ example: '+44 20 7946 0000' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  applicant_phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  cover_letter?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 70 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(70)
  experience_years?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  current_company?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  current_position?: string;

  @ApiPropertyOptional({
    example: '95000',
    description: 'Free text; the first number is used for matching',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value))
  @IsString()
  @MaxLength(100)
  expected_salary?: string;

  @ApiPropertyOptional({ example: 'Two weeks notice' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  availability?: string;

  @ApiPropertyOptional({ example: 'linkedin', default: 'careers_page' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(60)
  source?: string;

  @ApiPropertyOptional({ example: 'Lisbon, Portugal' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  location?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Skills the applicant lists (resume skills are added when parsed)',
  })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  skills?: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An earlier upload from POST /api/resume/upload',
  })
  @IsOptional()
  @IsUUID()
  resume_id?: string;

  @ApiProperty({
    enum: [true],
    description: 'Must be true: consent to processing for this application',
  })
  @Transform(bool)
  @Equals(true, { message: 'consent_data_processing must be true to apply' })
  consent_data_processing: boolean;

  @ApiPropertyOptional({ description: 'Optional consent to be considered for other roles' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  consent_talent_pool?: boolean;
}

export class ApplyToJobDto extends ApplyDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  job_id: string;
}
