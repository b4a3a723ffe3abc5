import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

// The admin job statistics. Application figures come from report_applications, the view the
// candidates module publishes of its applications (migration ReportViews).
interface JobCountRow {
  job_id: string;
  title: string;
  status: string;
  applications: number;
}

interface StageCountRow {
  stage: string;
  status: string;
  count: number;
}

@Injectable()
export class JobStatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  jobsByStatus(): Promise<{ status: string; count: number }[]> {
    return this.dataSource.query('SELECT status, count(*)::int AS count FROM jobs GROUP BY status');
  }

  topJobsByApplications(): Promise<JobCountRow[]> {
    return this.dataSource.query(
      `SELECT id AS job_id, title, status, application_count AS applications
         FROM jobs ORDER BY application_count DESC, created_at DESC LIMIT 50`,
    );
  }

  applicationsPerStage(): Promise<StageCountRow[]> {
    return this.dataSource.query(
      'SELECT stage, status, count(*)::int AS count FROM report_applications GROUP BY stage, status ORDER BY count DESC',
    );
  }

  applicationsPerWeek(): Promise<{ week_start: Date; count: number }[]> {
    return this.dataSource.query(
      `SELECT date_trunc('week', applied_at) AS week_start, count(*)::int AS count
         FROM report_applications WHERE applied_at >= date_trunc('week', now()) - interval '11 weeks'
        GROUP BY 1 ORDER BY 1`,
    );
  }

  async totals(): Promise<{ jobs: number; applications: number }> {
    const [row] = await this.dataSource.query<{ jobs: number; applications: number }[]>(
      'SELECT (SELECT count(*)::int FROM jobs) AS jobs, (SELECT count(*)::int FROM report_applications) AS applications',
    );
    return row;
  }
}
