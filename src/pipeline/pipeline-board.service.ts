import { Injectable } from '@nestjs/common';
import { JobsService } from '../jobs/jobs.service';
import { DEFAULT_STAGES, OUTCOME_STAGES } from './pipeline';
import { PipelineStageRepository } from './pipeline-stage.repository';
import { BoardQueryDto } from './dto/pipeline.dto';
import { BoardCard, PipelineApplicationsRef } from './pipeline-applications';
import { BoardCardResponse, PipelineBoardResponse, presentStage } from './pipeline.presenter';

// The kanban board of one job in two round trips: the job's stages with the per-stage counts (the
// counters), then the SLA breaches and cards of those stages (the applications, through the
// port). The raw twin in bench/ reads the same in two statements.
@Injectable()
export class PipelineBoardService {
  constructor(
    private readonly stageRows: PipelineStageRepository,
    private readonly jobs: JobsService,
    private readonly port: PipelineApplicationsRef,
  ) {}

  async board(query: BoardQueryDto): Promise<PipelineBoardResponse> {
    const jobId = query.job_id;
    const { custom, counts } = await this.stageRows.stagesAndCounts(jobId);
    const working = custom.length > 0 ? custom : DEFAULT_STAGES;
    const stages = [...working, ...OUTCOME_STAGES];
    const applications = await this.port.applications.board(
      jobId,
      stages.map((s) => ({ key: s.key, slaDays: s.sla_days })),
      query.limit ?? 20,
    );
    // 404 for no such job. Custom stages or any application prove the job exists (both reference
    // it by foreign key, and a job with applications cannot be deleted), so only an empty job on
    // the default pipeline costs a third statement.
    if (custom.length === 0 && applications.cards.length === 0) {
      await this.jobs.assertExists(jobId);
    }
    const columns = stages.map((stage, i) => {
      const count = counts.get(stage.key) ?? 0;
      const withinSla = applications.withinSla.get(stage.key);
      return {
        ...presentStage(stage, i >= working.length),
        count,
        overdue_count: withinSla === undefined ? 0 : count - withinSla,
        applications: [] as BoardCardResponse[],
      };
    });
    const byKey = new Map(columns.map((c) => [c.key, c]));
    for (const card of applications.cards) {
      byKey.get(card.stage)!.applications.push(presentCard(card));
    }
    return { job_id: jobId, stages: columns };
  }
}

function presentCard(c: BoardCard): BoardCardResponse {
  return {
    id: c.id,
    candidate_id: c.candidateId,
    applicant_name: c.applicantName,
    experience_years: c.experienceYears,
    current_company: c.currentCompany,
    current_position: c.currentPosition,
    source: c.source,
    status: c.status,
    stage: c.stage,
    resume_id: c.resumeId,
    applied_at: c.appliedAt,
    stage_entered_at: c.stageEnteredAt,
    hired_at: c.hiredAt,
    overdue: c.late,
  };
}
