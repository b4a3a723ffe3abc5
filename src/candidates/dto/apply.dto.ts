import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsBoolean,
  IsArray,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsEmailAddress } from '../../common/dto/email-address';
import { booleanFromText, listFromText, trimString } from '../../common/dto/transforms';

export class ApplyDto {
  @ApiProperty({ example: 'Ada Lovelace' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  applicant_name: string;

  @ApiProperty({ example: 'ada@example.com' })
  @Transform(trimString)
  @IsEmailAddress()
  applicant_email: string;

  @ApiPropertyOptional({ example: '+44 20 7946 0000' })
  @IsOptional()
  @Transform(trimString)
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
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  current_company?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
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
  @Transform(trimString)
  @IsString()
  @MaxLength(60)
  source?: string;

  @ApiPropertyOptional({ example: 'Lisbon, Portugal' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  location?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Skills the applicant lists (resume skills are added when parsed)',
  })
  @IsOptional()
  @Transform(listFromText)
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
  @Transform(booleanFromText)
  @Equals(true, { message: 'consent_data_processing must be true to apply' })
  consent_data_processing: boolean;

  @ApiPropertyOptional({ description: 'Optional consent to be considered for other roles' })
  @IsOptional()
  @Transform(booleanFromText)
  @IsBoolean()
  consent_talent_pool?: boolean;
}

export class ApplyToJobDto extends ApplyDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  job_id: string;
}
