import { Injectable } from '@nestjs/common';
import { OUTCOME_STAGES } from './pipeline';
import { PipelineService } from './pipeline.service';
import { PipelineCountersRepository } from './counters/pipeline-counters.repository';
import { BoardQueryDto } from './dto/pipeline.dto';
import { BoardCard, PipelineApplicationsRef } from './pipeline-applications';
import { BoardCardResponse, PipelineBoardResponse, presentStage } from './pipeline.presenter';

// The kanban board of one job: the job's stages, then the per-stage counts (the counters) and the
// SLA breaches and cards (the applications, through the port), read side by side.
@Injectable()
export class PipelineBoardService {
  constructor(
    private readonly pipeline: PipelineService,
    private readonly counters: PipelineCountersRepository,
    private readonly port: PipelineApplicationsRef,
  ) {}

  async board(query: BoardQueryDto): Promise<PipelineBoardResponse> {
    const jobId = query.job_id;
    const working = await this.pipeline.workingStagesOfJob(jobId);
    const stages = [...working, ...OUTCOME_STAGES];
    const [counts, applications] = await Promise.all([
      this.counters.stageCounts(jobId),
      this.port.applications.board(
        jobId,
        stages.map((s) => ({ key: s.key, slaDays: s.sla_days })),
        query.limit ?? 20,
      ),
    ]);
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
