import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { JobsService } from '../jobs/jobs.service';
import { Role } from '../common/auth/role';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataHandler,
  PersonalDataProvider,
  PersonalDataSubject,
  RetentionContext,
  WITHHELD_STAFF_NOTES,
} from '../kernel/personal-data/personal-data-handler';
import { relabelSource, StageEvent, StageHistoryRepository } from '../pipeline';
import { erasedSource } from './application-source';
import { presentApplication } from './application.presenter';
import { presentCandidate } from './candidate.presenter';
import { ApplicationsRepository } from './applications.repository';
import { CandidateIdentityService } from './candidate-identity.service';
import { CandidatesRepository } from './candidates.repository';
import { Application } from './entities/application.entity';

const TERMINAL_STATUSES = ['Rejected', 'Withdrawn'];

const writtenByThePerson = (h: StageEvent) => h.actorRole === Role.Candidate;

// The person record, their applications and the stage history. Erasure keeps the rows that
// statistics count (applications with job, stage, status, source and dates; history without its
// free-text reason) and removes everything that identifies or describes the person.
@Injectable()
@PersonalDataProvider()
export class CandidatesPersonalData implements PersonalDataHandler {
  readonly name = 'candidates';
  readonly tables = {
    candidates: [
      'email_hash',
      'email_encrypted',
      'full_name_encrypted',
      'phone_encrypted',
      'name_tokens',
      'skills',
      'skill_keys',
      'experience_level',
      'location_encrypted',
      'location',
      'current_company_encrypted',
      'current_company',
      'current_company_tokens',
      'current_position_encrypted',
      'current_position',
      'current_position_tokens',
      'expected_salary_encrypted',
      'expected_salary',
    ],
    applications: [
      'applicant_name_encrypted',
      'applicant_email_encrypted',
      'applicant_phone_encrypted',
      'cover_letter_encrypted',
      'current_company_encrypted',
      'current_company',
      'current_company_tokens',
      'current_position_encrypted',
      'current_position',
      'current_position_tokens',
      'expected_salary_encrypted',
      'expected_salary',
      'availability_encrypted',
      'availability',
      // Replaced by its channel (application-source.ts), here and in the counters below.
      'source',
    ],
    application_stage_history: ['reason_encrypted', 'reason'],
    pipeline_counter_deltas: ['k2'],
    pipeline_counters: ['k2'],
  } as const;
  // Runs after the handlers that look rows up through the candidate (resumes, interviews…);
  // they use subject ids, so the order only keeps the person row readable until last.
  readonly order = 50;
  readonly retention = {
    rejected_withdrawn_applications: (context: RetentionContext) =>
      this.anonymiseFormerApplicants(context),
  };

  constructor(
    private readonly candidates: CandidatesRepository,
    private readonly applications: ApplicationsRepository,
    private readonly jobs: JobsService,
    private readonly identity: CandidateIdentityService,
    private readonly stageHistory: StageHistoryRepository,
  ) {}

  async export(subject: PersonalDataSubject, manager?: EntityManager): Promise<PersonalDataExport> {
    const candidate = subject.candidateId
      ? await this.candidates.findById(subject.candidateId, manager)
      : null;
    if (!candidate) {
      return { records: {} };
    }
    const applications = (
      await this.applications.listForCandidate(candidate.id, manager)
    ).reverse();
    const history = await this.stageHistory.listForApplications(
      applications.map((a) => a.id),
      manager,
    );
    const titles = new Map<string, string>();
    for (const jobId of new Set(applications.map((a) => a.jobId))) {
      titles.set(jobId, (await this.jobs.getJob(jobId, manager)).title);
    }
    return {
      records: {
        candidate: [
          {
            ...presentCandidate(candidate, this.identity.decryptContact(candidate)),
            talent_pool: candidate.talentPool,
            updated_at: candidate.updatedAt,
          },
        ],
        applications: applications.map((a) => ({
          ...presentApplication(a),
          job_title: titles.get(a.jobId) ?? null,
        })),
        application_history: history.map((h) => ({
          id: h.id,
          application_id: h.applicationId,
          job_id: h.jobId,
          from_stage: h.fromStage,
          to_stage: h.toStage,
          from_status: h.fromStatus,
          to_status: h.toStatus,
          actor_role: h.actorRole,
          // The person's own words (a withdrawal) are theirs; the hiring team's are withheld.
          reason: writtenByThePerson(h) ? h.reason : null,
          changed_at: h.changedAt,
        })),
      },
      withheld: {
        application_history_reasons: {
          count: history.filter((h) => !writtenByThePerson(h) && (h.reason || h.rejectionReasonId))
            .length,
          reason: WITHHELD_STAFF_NOTES,
        },
      },
    };
  }

  async erase(subject: PersonalDataSubject, manager: EntityManager): Promise<ErasureCounts> {
    if (!subject.candidateId) {
      return {};
    }
    const id = subject.candidateId;
    const applicationIds = (
      await manager.find(Application, { where: { candidateId: id }, select: { id: true } })
    ).map((a) => a.id);
    const history = await this.stageHistory.clearReasons(applicationIds, manager);
    const sources = await this.keepOnlyChannels(manager, id);
    const [applications] = await manager.query<{ n: number }[]>(
      `WITH u AS (
         UPDATE applications SET
           applicant_name_encrypted = NULL, applicant_email_encrypted = NULL,
           applicant_phone_encrypted = NULL, cover_letter_encrypted = NULL,
           current_company_encrypted = NULL, current_position_encrypted = NULL,
           expected_salary_encrypted = NULL, availability_encrypted = NULL,
           current_company_tokens = '{}', current_position_tokens = '{}',
           current_company = NULL, current_position = NULL, expected_salary = NULL,
           availability = NULL, resume_id = NULL, updated_at = now()
          WHERE candidate_id = $1
         RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [id],
    );
    // A random e-mail index instead of the blind index: the row must stay unique and must no
    // longer be findable (or linkable) from the person's address.
    await manager.query(
      `UPDATE candidates SET
         email_hash = $2, email_encrypted = NULL, full_name_encrypted = NULL,
         phone_encrypted = NULL, name_tokens = '{}', skills = '{}', skill_keys = '{}',
         location_encrypted = NULL, current_company_encrypted = NULL,
         current_position_encrypted = NULL, expected_salary_encrypted = NULL,
         current_company_tokens = '{}', current_position_tokens = '{}',
         location = NULL, current_company = NULL, current_position = NULL, expected_salary = NULL,
         experience_years = NULL, experience_level = NULL, latest_resume_id = NULL,
         talent_pool = false, user_id = NULL,
         erased_at = COALESCE(erased_at, now()), updated_at = now()
       WHERE id = $1`,
      [id, randomBytes(32).toString('base64url')],
    );
    return {
      candidates: 1,
      applications: applications.n,
      application_history: history,
      application_sources: sources,
    };
  }

  // Statistics keep where applications came from, but only as a channel: a free-text source
  // (it could name someone) becomes 'other', in the application and in the pipeline counters.
  private async keepOnlyChannels(manager: EntityManager, candidateId: string): Promise<number> {
    const rows = await manager.query<
      { id: string; job_id: string; applied_at: Date; stage: string; source: string }[]
    >(
      `SELECT id, job_id, applied_at, stage, source FROM applications
        WHERE candidate_id = $1 ORDER BY id FOR UPDATE`,
      [candidateId],
    );
    let changed = 0;
    for (const row of rows) {
      const channel = erasedSource(row.source);
      if (channel !== row.source) {
        await relabelSource(
          manager,
          {
            jobId: row.job_id,
            appliedAt: new Date(row.applied_at),
            stage: row.stage,
            source: row.source,
            rejectionReasonId: null,
          },
          channel,
        );
        await manager.query('UPDATE applications SET source = $2 WHERE id = $1', [row.id, channel]);
        changed += 1;
      }
    }
    return changed;
  }

  // People whose every application ended (rejected or withdrawn) before the cutoff.
  private async anonymiseFormerApplicants(context: RetentionContext): Promise<number> {
    if (context.dryRun) {
      return this.candidates.countFormerApplicants(context.cutoff, TERMINAL_STATUSES);
    }
    let total = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const ids = await this.candidates.listFormerApplicants(
        context.cutoff,
        TERMINAL_STATUSES,
        after,
        context.batchSize,
      );
      for (const candidateId of ids) {
        await context.eraseSubject({ candidateId, userId: null });
        total += 1;
      }
      if (ids.length < context.batchSize) {
        return total;
      }
      after = ids[ids.length - 1];
    }
  }
}
