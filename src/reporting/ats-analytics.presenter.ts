import { ApiProperty } from '@nestjs/swagger';

class AnalyticsTotals {
  @ApiProperty() applications: number;
  @ApiProperty({ description: 'Not hired, rejected or withdrawn' }) in_progress: number;
  @ApiProperty() hired: number;
  @ApiProperty() rejected: number;
  @ApiProperty() withdrawn: number;
}

class StageCount {
  @ApiProperty() stage: string;
  @ApiProperty() count: number;
}

class StageConversion {
  @ApiProperty() from_stage: string;
  @ApiProperty() to_stage: string;
  @ApiProperty({
    description:
      'Applications that reached or passed from_stage: entered it, or a later working stage (someone moved from applied straight to hired passed screening)',
  })
  reached_from: number;
  @ApiProperty({ description: '…of which reached or passed to_stage' }) reached_to: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'reached_to / reached_from, null when none reached from_stage. Rejected and withdrawn applications count for the stages they had reached before leaving.',
  })
  rate: number | null;
}

class StageDuration {
  @ApiProperty() stage: string;
  @ApiProperty({ nullable: true, type: Number }) median_days: number | null;
  @ApiProperty({ description: 'Completed stays in the stage the median is taken over' })
  samples: number;
}

class TimeToHire {
  @ApiProperty({ nullable: true, type: Number, description: 'applied_at → hired_at' })
  median_days: number | null;
  @ApiProperty() hires: number;
}

class SourceCount {
  @ApiProperty() source: string;
  @ApiProperty() applications: number;
  @ApiProperty() hired: number;
}

class RejectionReasonCount {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) rejection_reason_id: string | null;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) type: string | null;
  @ApiProperty() count: number;
}

export class AtsAnalyticsResponse {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) job_id: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) from: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) to: string | null;
  @ApiProperty({ type: AnalyticsTotals }) totals: AnalyticsTotals;
  @ApiProperty({ type: [StageCount], description: 'Applications per current stage' })
  stages: StageCount[];
  @ApiProperty({
    type: [StageConversion],
    description:
      "Consecutive working stages in pipeline order (the job's, or the default one). Conversion is counted over applications that reached or passed each stage, so skipping a stage never reads as dropping out at it.",
  })
  conversion: StageConversion[];
  @ApiProperty({ type: [StageDuration] }) time_in_stage: StageDuration[];
  @ApiProperty({ type: TimeToHire }) time_to_hire: TimeToHire;
  @ApiProperty({ type: [SourceCount] }) sources: SourceCount[];
  @ApiProperty({ type: [RejectionReasonCount], description: 'Currently rejected applications' })
  rejection_reasons: RejectionReasonCount[];
}
