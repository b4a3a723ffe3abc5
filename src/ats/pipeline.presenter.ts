import { ApiProperty } from '@nestjs/swagger';
import { ApplicationResponse } from '../candidates/application.presenter';
import { APPLICATION_STATUSES, StageDefinition } from '../jobs/pipeline';

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

export class BoardStageResponse extends StageDefinitionResponse {
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Applications in this stage for longer than sla_days' })
  overdue_count: number;
  @ApiProperty({
    type: [ApplicationResponse],
    description: 'First page, newest first; page on with GET /api/jobs/:id/applications?stage=',
  })
  applications: ApplicationResponse[];
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
