import { ApiProperty } from '@nestjs/swagger';
import { RECOMMENDATIONS, Scorecard } from './entities/scorecard.entity';
import type { Recommendation } from './entities/scorecard.entity';

export class ScorecardAttributeResponse {
  @ApiProperty() name: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class ScorecardResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) application_id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) interview_id: string | null;
  @ApiProperty({ format: 'uuid' }) interviewer_id: string;
  @ApiProperty({ enum: RECOMMENDATIONS }) overall_recommendation: Recommendation;
  @ApiProperty({ nullable: true, type: Number, minimum: 1, maximum: 5 }) rating: number | null;
  @ApiProperty() notes: string;
  @ApiProperty({ type: [ScorecardAttributeResponse] }) attributes: ScorecardAttributeResponse[];
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class ScorecardPageResponse {
  @ApiProperty({ type: [ScorecardResponse] }) items: ScorecardResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

export function presentScorecard(s: Scorecard): ScorecardResponse {
  const notes = s.attributeNotes ? (JSON.parse(s.attributeNotes) as (string | null)[]) : [];
  return {
    id: s.id,
    application_id: s.applicationId,
    interview_id: s.interviewId,
    interviewer_id: s.interviewerId,
    overall_recommendation: s.overallRecommendation,
    rating: s.rating,
    notes: s.notes,
    attributes: s.attributes.map((a, i) => ({
      name: a.name,
      rating: a.rating,
      note: notes[i] ?? null,
    })),
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}
