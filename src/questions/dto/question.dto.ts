import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DIFFICULTIES, QUESTION_TYPES } from '../../ai/ai-provider';
import type { Difficulty, QuestionType } from '../../ai/ai-provider';
import { PageQueryDto } from '../../common/pagination/cursor';
import { trimString } from '../../common/dto/transforms';

export class GenerateQuestionsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  job_id: string;

  @ApiPropertyOptional({
    type: [String],
    description: "Skills to test; the job's skills when omitted",
    example: ['PostgreSQL', 'TypeScript'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ enum: DIFFICULTIES })
  @IsOptional()
  @IsIn(DIFFICULTIES)
  difficulty?: Difficulty;

  @ApiProperty({ minimum: 1, maximum: 20, example: 5 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  count: number;

  @ApiPropertyOptional({ enum: QUESTION_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(QUESTION_TYPES, { each: true })
  types?: QuestionType[];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "Tailor the questions to this application's candidate profile (skills, experience); contact details never reach the generator",
  })
  @IsOptional()
  @IsUUID()
  application_id?: string;
}

export class CreateQuestionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  job_id: string;

  @ApiProperty({ maxLength: 2000 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  question_text: string;

  @ApiProperty({ enum: QUESTION_TYPES })
  @IsIn(QUESTION_TYPES)
  question_type: QuestionType;

  @ApiProperty({ enum: DIFFICULTIES })
  @IsIn(DIFFICULTIES)
  difficulty_level: Difficulty;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  skills_tested?: string[];

  @ApiProperty({ maxLength: 10000 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  gold_standard_answer: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  key_points: string[];
}

// An edit may leave a field out but not set it to null: the columns are NOT NULL.
export class UpdateQuestionDto extends PartialType(OmitType(CreateQuestionDto, ['job_id']), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Why it was changed (kept in the history)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class ApproveQuestionsDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  question_ids: string[];

  @ApiProperty({ description: 'true approves, false rejects (withdraws any approval)' })
  @IsBoolean()
  approved: boolean;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

const booleanQuery = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class QuestionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  job_id?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  approved?: boolean;
}
