import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { JobStatsRepository } from './job-stats.repository';

class JobCount {
  @ApiProperty({ format: 'uuid' }) job_id: string;
  @ApiProperty() title: string;
  @ApiProperty() status: string;
  @ApiProperty() applications: number;
}

class StageCount {
  @ApiProperty() stage: string;
  @ApiProperty() status: string;
  @ApiProperty() count: number;
}

class WeekCount {
  @ApiProperty({ format: 'date' }) week_start: string;
  @ApiProperty() count: number;
}

export class JobStatsResponse {
  @ApiProperty() total_jobs: number;
  @ApiProperty() total_applications: number;
  @ApiProperty({ example: { Draft: 1, Open: 5, Closed: 2 } }) jobs_by_status: Record<
    string,
    number
  >;
  @ApiProperty({ type: [JobCount], description: 'Top 50 jobs by application count' })
  applications_per_job: JobCount[];
  @ApiProperty({ type: [StageCount] }) applications_per_stage: StageCount[];
  @ApiProperty({ type: [WeekCount], description: 'Applications per ISO week, last 12 weeks' })
  applications_per_week: WeekCount[];
}

// All figures come from SQL aggregates; nothing is counted in memory.
@Injectable()
export class JobStatsService {
  constructor(private readonly figures: JobStatsRepository) {}

  async stats(): Promise<JobStatsResponse> {
    const [byStatus, perJob, perStage, perWeek, totals] = await Promise.all([
      this.figures.jobsByStatus(),
      this.figures.topJobsByApplications(),
      this.figures.applicationsPerStage(),
      this.figures.applicationsPerWeek(),
      this.figures.totals(),
    ]);
    const jobsByStatus: Record<string, number> = { Draft: 0, Open: 0, Closed: 0 };
    for (const row of byStatus) {
      jobsByStatus[row.status] = row.count;
    }
    return {
      total_jobs: totals.jobs,
      total_applications: totals.applications,
      jobs_by_status: jobsByStatus,
      applications_per_job: perJob,
      applications_per_stage: perStage,
      applications_per_week: perWeek.map((w) => ({
        week_start: new Date(w.week_start).toISOString().slice(0, 10),
        count: w.count,
      })),
    };
  }
}
