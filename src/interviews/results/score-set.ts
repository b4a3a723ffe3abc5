import { ApiProperty } from '@nestjs/swagger';
import type { AnswerScoreRecord } from '../entities/answer-score.entity';

export class ScoreSet {
  @ApiProperty({ minimum: 0, maximum: 10 }) relevance: number;
  @ApiProperty({ minimum: 0, maximum: 10 }) completeness: number;
  @ApiProperty({ minimum: 0, maximum: 10 }) accuracy: number;
  @ApiProperty({ minimum: 0, maximum: 10 }) clarity: number;
  @ApiProperty({ minimum: 0, maximum: 10, description: 'Weighted mean of the four' })
  overall: number;
}

export function scoreSet(s: AnswerScoreRecord): ScoreSet {
  return {
    relevance: s.relevance,
    completeness: s.completeness,
    accuracy: s.accuracy,
    clarity: s.clarity,
    overall: s.overall,
  };
}
