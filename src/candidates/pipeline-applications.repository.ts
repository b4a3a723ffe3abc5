import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { CryptoService } from '../crypto/crypto.service';
import { openColumn } from '../crypto/encrypted-column';
import { isoUtc } from '../database/sql-timestamps';
import { preparedQuery } from '../database/prepared-query';
import {
  BoardApplications,
  BoardStage,
  PipelineApplication,
  PipelineApplications,
  StageChanges,
} from '../pipeline';
import { Application } from './entities/application.entity';

// A row of BOARD_SQL: a stage's applications within its SLA (id null) or one of its cards.
interface BoardRow {
  stage: string;
  within_sla: number | null;
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
  applied_at: string;
  stage_entered_at: string;
  hired_at: string | null;
  late: boolean | null;
}

// The applications side of a job's board in one statement ($1 job, $2 stage keys, $3 SLA days per
// stage, $4 cards per stage): per stage with an SLA, the applications that entered it within the
// SLA (a short range of ix_applications_job_stage_entered), then the newest cards of each stage
// (ix_applications_job_stage read backwards), card columns only, newest first, timestamps already
// in the API's ISO form (parsing then re-formatting 420 timestamps was ~15% of the board's time,
// bench/RESULTS.md).
const BOARD_SQL = `
  WITH s AS (
    SELECT key, sla_days FROM unnest($2::text[], $3::int[]) AS s(key, sla_days))
  SELECT u.stage, u.within_sla, u.id, u.candidate_id, u.applicant_name_encrypted, u.source,
         u.status, u.resume_id, u.experience_years, u.current_company_encrypted,
         u.current_position_encrypted, u.legacy_current_company, u.legacy_current_position,
         ${isoUtc('u.applied_at')} AS applied_at,
         ${isoUtc('u.stage_entered_at')} AS stage_entered_at,
         ${isoUtc('u.hired_at')} AS hired_at,
         u.stage_entered_at < now() - u.sla_days * interval '1 day' AS late
    FROM (
      SELECT s.key AS stage, s.sla_days, (
               SELECT count(*) FROM applications a
                WHERE a.job_id = $1 AND a.stage = s.key
                  AND a.stage_entered_at >= now() - s.sla_days * interval '1 day')::int AS within_sla,
             NULL::uuid AS id, NULL::uuid AS candidate_id, NULL::text AS applicant_name_encrypted,
             NULL::text AS source, NULL::text AS status, NULL::uuid AS resume_id,
             NULL::numeric AS experience_years, NULL::text AS current_company_encrypted,
             NULL::text AS current_position_encrypted, NULL::text AS legacy_current_company,
             NULL::text AS legacy_current_position, NULL::timestamptz AS applied_at,
             NULL::timestamptz AS stage_entered_at, NULL::timestamptz AS hired_at
        FROM s WHERE s.sla_days IS NOT NULL
      UNION ALL
      SELECT s.key, s.sla_days, NULL, p.id, p.candidate_id, p.applicant_name_encrypted,
             p.source, p.status, p.resume_id, p.experience_years, p.current_company_encrypted,
             p.current_position_encrypted, p.legacy_current_company, p.legacy_current_position,
             p.applied_at, p.stage_entered_at, p.hired_at
        FROM s CROSS JOIN LATERAL (
              SELECT a.id, a.candidate_id, a.applicant_name_encrypted, a.source, a.status,
                     a.resume_id, a.experience_years, a.current_company_encrypted,
                     a.current_position_encrypted, a.current_company AS legacy_current_company,
                     a.current_position AS legacy_current_position,
                     a.applied_at, a.stage_entered_at, a.hired_at
                FROM applications a
               WHERE a.job_id = $1 AND a.stage = s.key
               ORDER BY a.applied_at DESC, a.id DESC
               LIMIT $4) p) u
   ORDER BY u.applied_at DESC NULLS FIRST, u.id DESC`;

// The candidates module's side of the pipeline's PipelineApplications port.
@Injectable()
export class PipelineApplicationsRepository extends PipelineApplications {
  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
  ) {
    super();
  }

  async jobOf(applicationId: string, manager: EntityManager): Promise<string | null> {
    const found = await manager.findOne(Application, {
      where: { id: applicationId },
      select: { id: true, jobId: true },
    });
    return found?.jobId ?? null;
  }

  async lockForStageChange(
    applicationId: string,
    manager: EntityManager,
  ): Promise<PipelineApplication | null> {
    return manager
      .getRepository(Application)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id: applicationId })
      .getOne();
  }

  lockInStage(
    jobId: string,
    stage: string,
    manager: EntityManager,
  ): Promise<PipelineApplication[]> {
    return manager
      .getRepository(Application)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.job_id = :jobId AND a.stage = :stage', { jobId, stage })
      .orderBy('a.applied_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  async writeStage(
    applicationId: string,
    changes: StageChanges,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(Application, { id: applicationId }, changes);
  }

  async remapRejectedFrom(
    jobId: string,
    fromStage: string,
    toStage: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(
      Application,
      { jobId, stage: 'rejected', rejectedFromStage: fromStage },
      { rejectedFromStage: toStage },
    );
  }

  async countInStages(
    jobId: string,
    stages: string[],
    manager: EntityManager,
  ): Promise<{ stage: string; count: number }[]> {
    const rows = await manager
      .getRepository(Application)
      .createQueryBuilder('a')
      .select('a.stage', 'stage')
      .addSelect('count(*)::int', 'count')
      .where({ jobId, stage: In(stages) })
      .groupBy('a.stage')
      .orderBy('a.stage')
      .getRawMany<{ stage: string; count: number }>();
    return rows;
  }

  async board(jobId: string, stages: BoardStage[], limit: number): Promise<BoardApplications> {
    const rows = await preparedQuery<BoardRow>(this.dataSource, BOARD_SQL, [
      jobId,
      stages.map((s) => s.key),
      stages.map((s) => s.slaDays),
      limit,
    ]);
    const withinSla = new Map<string, number>();
    const cards: BoardApplications['cards'] = [];
    for (const r of rows) {
      if (r.id === null) {
        withinSla.set(r.stage, r.within_sla!);
        continue;
      }
      const id = r.id;
      cards.push({
        id,
        candidateId: r.candidate_id,
        applicantName: openColumn<string>(
          this.crypto,
          Application,
          'applicantName',
          'applications',
          {
            id,
            stored: r.applicant_name_encrypted,
          },
        ),
        experienceYears: r.experience_years === null ? null : Number(r.experience_years),
        currentCompany: openColumn<string>(
          this.crypto,
          Application,
          'currentCompany',
          'applications',
          {
            id,
            stored: r.current_company_encrypted,
            legacy: r.legacy_current_company,
          },
        ),
        currentPosition: openColumn<string>(
          this.crypto,
          Application,
          'currentPosition',
          'applications',
          { id, stored: r.current_position_encrypted, legacy: r.legacy_current_position },
        ),
        source: r.source,
        status: r.status,
        stage: r.stage,
        resumeId: r.resume_id,
        appliedAt: r.applied_at,
        stageEnteredAt: r.stage_entered_at,
        hiredAt: r.hired_at,
        late: r.late === true,
      });
    }
    return { withinSla, cards };
  }
}
