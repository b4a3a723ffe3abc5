import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DIFFICULTIES } from '../../ai/ai-provider';
import type { Difficulty } from '../../ai/ai-provider';

export class StartPracticeDto {
  @ApiProperty({ example: 'PostgreSQL', description: 'What to practise: a skill or a role' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  track: string;

  @ApiPropertyOptional({ enum: DIFFICULTIES })
  @IsOptional()
  @IsIn(DIFFICULTIES)
  difficulty?: Difficulty;
}

export class GeneratePracticeQuestionsDto {
  @ApiProperty({ description: 'Also draw on the skills of your candidate profile' })
  @IsBoolean()
  use_resume: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 10, default: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  count?: number;
}
