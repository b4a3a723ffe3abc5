import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATUSES, StageDefinition } from './pipeline';

export class StageDefinitionResponse {
  @ApiProperty({ example: 'screening' }) key: string;
  @ApiProperty({ example: 'Screening' }) name: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Days before an application here is overdue',
  })
  sla_days: number | null;
  @ApiProperty({ description: 'rejected and withdrawn are outcome stages of every pipeline' })
  outcome: boolean;
}

export class PipelineDefinitionResponse {
  @ApiProperty({ format: 'uuid' }) job_id: string;
  @ApiProperty({ type: [StageDefinitionResponse] }) stages: StageDefinitionResponse[];
  @ApiProperty({ description: 'Applications moved out of removed stages by this change' })
  moved_applications: number;
}

// A card on the board: what a column shows (the job is the board's). Contact details, the cover
// letter and salary expectations stay on the application itself (GET /api/applications/:id), so a
// board on a shared screen shows no more personal data than it needs, and 140 cards cost 140
// decryptions, not 560.
export class BoardCardResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) candidate_id: string;
  @ApiProperty({ nullable: true, type: String }) applicant_name: string | null;
  @ApiProperty({ nullable: true, type: Number }) experience_years: number | null;
  @ApiProperty({ nullable: true, type: String }) current_company: string | null;
  @ApiProperty({ nullable: true, type: String }) current_position: string | null;
  @ApiProperty() source: string;
  @ApiProperty({ example: 'Applied' }) status: string;
  @ApiProperty({ example: 'applied' }) stage: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) resume_id: string | null;
  @ApiProperty({ format: 'date-time' }) applied_at: string;
  @ApiProperty({ format: 'date-time' }) stage_entered_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) hired_at: string | null;
  @ApiProperty({ description: 'In the stage for longer than its sla_days (false without an SLA)' })
  overdue: boolean;
}

export class BoardStageResponse extends StageDefinitionResponse {
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Applications in this stage for longer than sla_days' })
  overdue_count: number;
  @ApiProperty({
    type: [BoardCardResponse],
    description:
      'First page of cards, newest application first (`limit` per stage, default 20); page on with GET /api/jobs/:id/applications?stage=',
  })
  applications: BoardCardResponse[];
}

export class PipelineBoardResponse {
  @ApiProperty({ format: 'uuid' }) job_id: string;
  @ApiProperty({ type: [BoardStageResponse] }) stages: BoardStageResponse[];
}

export function presentStage(stage: StageDefinition, outcome: boolean): StageDefinitionResponse {
  return {
    key: stage.key,
    name: stage.name,
    status: stage.status,
    sla_days: stage.sla_days,
    outcome,
  };
}
