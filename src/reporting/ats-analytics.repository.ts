import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TIME_IN_STAGE_SQL, TIME_IN_STAGE_UNBOUNDED_SQL, TIME_TO_HIRE_SQL } from '../pipeline';

// The pipeline analytics' reads that are not counters: the medians come from the pipeline's
// history SQL, the reason names from the view ats publishes.
@Injectable()
export class AtsAnalyticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async jobExists(jobId: string, manager?: EntityManager): Promise<boolean> {
    const rows = await this.on(manager).query('SELECT 1 FROM report_jobs WHERE id = $1', [jobId]);
    return rows.length > 0;
  }

  timeInStage(
    jobId: string | null,
    from: Date | null,
    to: Date | null,
    manager?: EntityManager,
  ): Promise<{ stage: string; median_days: number; samples: number }[]> {
    return from || to
      ? this.on(manager).query(TIME_IN_STAGE_SQL, [jobId, from, to])
      : this.on(manager).query(TIME_IN_STAGE_UNBOUNDED_SQL, [jobId]);
  }

  async timeToHire(
    jobId: string | null,
    from: Date | null,
    to: Date | null,
    manager?: EntityManager,
  ): Promise<{ median_days: number | null; hires: number }> {
    const [row] = await this.on(manager).query<{ median_days: number | null; hires: number }[]>(
      TIME_TO_HIRE_SQL,
      [jobId, from, to],
    );
    return row;
  }

  rejectionReasonsByIds(
    ids: string[],
    manager?: EntityManager,
  ): Promise<{ id: string; name: string; type: string }[]> {
    return this.on(manager).query(
      'SELECT id, name, type FROM report_rejection_reasons WHERE id = ANY($1::uuid[])',
      [ids],
    );
  }
}
