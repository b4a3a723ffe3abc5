import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { applicationAad } from '../candidates/application.presenter';
import { NotFoundProblem } from '../common/errors/domain.exception';
import { Application } from '../candidates/entities/application.entity';
import { CryptoService } from '../crypto/crypto.service';
import { openColumn } from '../crypto/encrypted-column';
import { preparedQuery } from '../database/prepared-query';
import { OUTCOME_STAGES } from './pipeline';
import { PipelineService } from './pipeline.service';
import { BOARD_SQL } from './counters/pipeline-counters';
import { BoardQueryDto } from './dto/pipeline.dto';
import { BoardCardResponse, PipelineBoardResponse, presentStage } from './pipeline.presenter';

// A row of BOARD_SQL: a stage's counts (id null) or one of its cards.
interface BoardRow {
  stage: string;
  count: number | null;
  overdue: number | null;
  id: string | null;
  candidate_id: string;
  applicant_name_encrypted: string | null;
  source: string;
  status: string;
  resume_id: string | null;
  experience_years: string | null;
  current_company_encrypted: string | null;
  current_position_encrypted: string | null;
  legacy_current_company: string | null;
  legacy_current_position: string | null;
  // ISO 8601 in UTC, formatted by PostgreSQL.
  applied_at: string;
  stage_entered_at: string;
  hired_at: string | null;
  late: boolean | null;
}

// The kanban board of one job in two queries, however many stages it has: the job's stages, then
// BOARD_SQL for every count, SLA breach and card in one snapshot.
@Injectable()
export class PipelineBoardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly pipeline: PipelineService,
  ) {}

  async board(query: BoardQueryDto): Promise<PipelineBoardResponse> {
    const jobId = query.job_id;
    const working = await this.pipeline.workingStagesOfJob(jobId);
    if (!working) {
      throw new NotFoundProblem('Job');
    }
    const stages = [...working, ...OUTCOME_STAGES];
    const rows = await preparedQuery<BoardRow>(this.dataSource, BOARD_SQL, [
      jobId,
      stages.map((s) => s.key),
      stages.map((s) => s.sla_days),
      query.limit ?? 20,
    ]);
    const columns = stages.map((stage, i) => ({
      ...presentStage(stage, i >= working.length),
      count: 0,
      overdue_count: 0,
      applications: [] as BoardCardResponse[],
    }));
    const byKey = new Map(columns.map((c) => [c.key, c]));
    for (const row of rows) {
      const column = byKey.get(row.stage)!;
      if (row.id === null) {
        column.count = row.count!;
        column.overdue_count = row.overdue!;
      } else {
        column.applications.push(this.card(row));
      }
    }
    return { job_id: jobId, stages: columns };
  }

  private card(r: BoardRow): BoardCardResponse {
    return {
      id: r.id!,
      candidate_id: r.candidate_id,
      applicant_name: this.crypto.decryptNullable(
        r.applicant_name_encrypted,
        applicationAad(r.id!, 'applicant_name'),
      ),
      experience_years: r.experience_years === null ? null : Number(r.experience_years),
      current_company: openColumn(this.crypto, Application, 'currentCompany', 'applications', {
        id: r.id!,
        stored: r.current_company_encrypted,
        legacy: r.legacy_current_company,
      }),
      current_position: openColumn(this.crypto, Application, 'currentPosition', 'applications', {
        id: r.id!,
        stored: r.current_position_encrypted,
        legacy: r.legacy_current_position,
      }),
      source: r.source,
      status: r.status,
      stage: r.stage,
      resume_id: r.resume_id,
      applied_at: r.applied_at,
      stage_entered_at: r.stage_entered_at,
      hired_at: r.hired_at,
      overdue: r.late === true,
    };
  }
}
