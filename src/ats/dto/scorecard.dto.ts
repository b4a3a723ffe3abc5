import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { RECOMMENDATIONS } from '../entities/scorecard.entity';
import type { Recommendation } from '../entities/scorecard.entity';

export class ScorecardAttributeDto {
  @ApiProperty({ example: 'System design', maxLength: 80 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  name: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class SubmitScorecardDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The interview this feedback is about' })
  @IsOptional()
  @IsUUID()
  interview_id?: string;

  @ApiProperty({ enum: RECOMMENDATIONS })
  @IsIn(RECOMMENDATIONS)
  overall_recommendation: Recommendation;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number;

  @ApiProperty({ maxLength: 10000 })
  @IsString()
  @MaxLength(10000)
  notes: string;

  @ApiPropertyOptional({ type: [ScorecardAttributeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ScorecardAttributeDto)
  attributes?: ScorecardAttributeDto[];
}
