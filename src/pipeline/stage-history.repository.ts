import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Page } from '../common/pagination/cursor';
import { keysetPage, PageRequest } from '../common/pagination/keyset';
import { ApplicationStageHistory } from './entities/application-stage-history.entity';

// One stage change as other modules see it.
export interface StageEvent {
  id: string;
  applicationId: string;
  jobId: string;
  fromStage: string | null;
  toStage: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorRole: string | null;
  reason: string | null;
  rejectionReasonId: string | null;
  changedAt: Date;
}

// The stage events of applications: one row per stage change, written by the pipeline only.
@Injectable()
export class StageHistoryRepository {
  constructor(
    @InjectRepository(ApplicationStageHistory)
    private readonly rows: Repository<ApplicationStageHistory>,
  ) {}

  private on(manager: EntityManager | undefined): EntityManager {
    return manager ?? this.rows.manager;
  }

  async insert(row: ApplicationStageHistory, manager?: EntityManager): Promise<void> {
    await this.on(manager).insert(ApplicationStageHistory, row);
  }

  // Ends the application's current stay (the row without left_at) at `leftAt`.
  async closeOpenStay(applicationId: string, leftAt: Date, manager?: EntityManager): Promise<void> {
    await this.on(manager).query(
      `UPDATE application_stage_history
          SET left_at = $2, days_in_stage = extract(epoch FROM $2::timestamptz - changed_at) / 86400
        WHERE application_id = $1 AND left_at IS NULL`,
      [applicationId, leftAt],
    );
  }

  // One application's events, oldest first.
  pageForApplication<T>(
    applicationId: string,
    page: PageRequest,
    present: (event: StageEvent) => T,
  ): Promise<Page<T>> {
    const qb = this.rows
      .createQueryBuilder('h')
      .where('h.application_id = :applicationId', { applicationId });
    return keysetPage(
      qb,
      page,
      { column: 'changed_at', direction: 'ASC', key: (h) => [h.changedAt, h.id] },
      present,
    );
  }

  // Every stage event of these applications, oldest first (a person's data export).
  listForApplications(applicationIds: string[], manager?: EntityManager): Promise<StageEvent[]> {
    if (applicationIds.length === 0) {
      return Promise.resolve([]);
    }
    return this.on(manager).find(ApplicationStageHistory, {
      where: { applicationId: In(applicationIds) },
      order: { changedAt: 'ASC' },
    });
  }

  // Erasure: the free-text reasons of these applications' events go; the events stay for
  // statistics. Returns how many rows held a reason.
  async clearReasons(applicationIds: string[], manager?: EntityManager): Promise<number> {
    const [row] = await this.on(manager).query<{ n: number }[]>(
      `WITH u AS (
         UPDATE application_stage_history SET reason_encrypted = NULL, reason = NULL
          WHERE application_id = ANY($1::uuid[])
            AND (reason_encrypted IS NOT NULL OR reason IS NOT NULL)
         RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [applicationIds],
    );
    return row.n;
  }
}
