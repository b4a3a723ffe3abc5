import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { hasAtLeast, isStaff, Role } from '../common/auth/role';
import { ForbiddenProblem, NotFoundProblem } from '../common/errors/domain.exception';
import { decodeCursor, Page, pageLimit, toPage } from '../common/pagination/cursor';
import { Transactions } from '../database/transactions';
import { CreateJobDto, UpdateJobDto } from './dto/job.dto';
import { JobListQueryDto, JobQueryDto } from './dto/job-query.dto';
import { Job } from './entities/job.entity';
import { JobDeletionResponse, JobResponse, presentJob, presentJobRow } from './job.presenter';
import { JobReader, JobsRepository } from './jobs.repository';
import { parseSalaryRange } from './salary';
import { searchTerms } from './search-terms';
import { skillKeysOf } from './skill-keys';

// Other modules normalise skills the way job search does.
export { skillKeysOf } from './skill-keys';

function uniqueTrimmed(list: string[] | undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list ?? []) {
    const value = raw.trim();
    if (value && !seen.has(value.toLowerCase())) {
      seen.add(value.toLowerCase());
      out.push(value);
    }
  }
  return out;
}

@Injectable()
export class JobsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly jobs: JobsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(actor: AuthUser, dto: CreateJobDto): Promise<JobResponse> {
    const job = await this.transactions.run(async (manager) => {
      const entity = await this.jobs.insert(
        {
          id: randomUUID(),
          ...this.fieldsFrom(dto),
          status: dto.status ?? 'Open',
          createdBy: actor.id,
          applicationCount: 0,
          archivedAt: null,
        },
        manager,
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'job.created',
        targetType: 'job',
        targetId: entity.id,
        metadata: { status: entity.status },
      });
      return this.jobs.findByIdOrFail(entity.id, manager);
    });
    return presentJob(job);
  }

  // PUT replaces every editable field (absent optional fields are cleared); PATCH changes only
  // what it names.
  async update(
    actor: AuthUser,
    id: string,
    dto: UpdateJobDto,
    replace: boolean,
  ): Promise<JobResponse> {
    const job = await this.transactions.run(async (manager) => {
      const current = await this.lockEditable(manager, actor, id);
      const fields = replace
        ? this.fieldsFrom({ title: current.title, description: current.description, ...dto })
        : this.partialFieldsFrom(dto);
      if (fields.skillsRequired || fields.skillsNiceToHave) {
        fields.skillKeys = skillKeysOf([
          ...(fields.skillsRequired ?? current.skillsRequired),
          ...(fields.skillsNiceToHave ?? current.skillsNiceToHave),
        ]);
      }
      const status = dto.status ?? (replace ? current.status : undefined);
      await this.jobs.update(id, { ...fields, ...(status ? { status } : {}) }, manager);
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'job.updated',
        targetType: 'job',
        targetId: id,
        metadata: { status: status ?? current.status },
      });
      return this.jobs.findByIdOrFail(id, manager);
    });
    return presentJob(job);
  }

  // A job with applications is never deleted: it is closed and archived, keeping every application.
  async remove(actor: AuthUser, id: string): Promise<JobDeletionResponse> {
    return this.transactions.run(async (manager) => {
      const job = await this.lockEditable(manager, actor, id);
      const count = await this.jobs.countApplications(id, manager);
      if (count > 0) {
        await this.jobs.update(
          id,
          { status: 'Closed', archivedAt: job.archivedAt ?? new Date() },
          manager,
        );
        await this.audit.record(manager, {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'job.archived',
          targetType: 'job',
          targetId: id,
          metadata: { applications: count },
        });
        return {
          id,
          deleted: false,
          archived: true,
          status: 'Closed',
          message: `The job has ${count} application(s); it was closed and archived instead of deleted`,
        };
      }
      await this.jobs.delete(id, manager);
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'job.deleted',
        targetType: 'job',
        targetId: id,
      });
      return { id, deleted: true, archived: false, status: null, message: 'The job was deleted' };
    });
  }

  async findVisible(viewer: AuthUser | undefined, id: string): Promise<JobResponse> {
    const job = await this.jobs.findRow(id);
    if (!job || (!this.reader(viewer).seesAll && (job.status !== 'Open' || job.archived_at))) {
      throw new NotFoundProblem('Job');
    }
    return presentJobRow(job);
  }

  // For other modules: the job an application or interview refers to, whatever its status.
  async getJob(id: string, manager?: EntityManager): Promise<Job> {
    const job = await this.jobs.findById(id, manager);
    if (!job) {
      throw new NotFoundProblem('Job');
    }
    return job;
  }

  // 404 unless the job exists, without loading it.
  async assertExists(id: string): Promise<void> {
    if (!(await this.jobs.exists(id))) {
      throw new NotFoundProblem('Job');
    }
  }

  async incrementApplicationCount(manager: EntityManager, jobId: string): Promise<void> {
    await this.jobs.incrementApplicationCount(jobId, manager);
  }

  async list(viewer: AuthUser | undefined, query: JobListQueryDto): Promise<Page<JobResponse>> {
    return this.jobs.list(this.reader(viewer), query, presentJobRow);
  }

  // Ranked by relevance, ties broken by id so the cursor is total. Jobs matching every word come
  // first (relevance 1 + rank), then those matching some (relevance = rank < 1): "data scientist"
  // finds data engineers when no job has both. ts_rank(…, 32) is rank / (rank + 1), so each tier
  // keeps to its band; the any-word query runs only for a page the first tier does not fill.
  // Ranking reads job_search, a narrow trigger-kept copy of each vector and its job's visibility
  // (1.7× the statements/s of the jobs heap); jobs is joined for attribute filters and the page.
  async search(viewer: AuthUser | undefined, query: JobQueryDto): Promise<Page<JobResponse>> {
    if (!query.q?.trim()) {
      return this.list(viewer, query);
    }
    const limit = pageLimit(query.limit);
    const terms = searchTerms(query.q);
    const after = decodeCursor(query.cursor, 2);
    const inAllTier = !after || Number(after[0]) >= 1;
    const rows = inAllTier
      ? await this.jobs.searchTier(this.reader(viewer), query, terms, 'all', after, limit + 1)
      : [];
    if (rows.length <= limit && terms.any) {
      const more = limit + 1 - rows.length;
      rows.push(
        ...(await this.jobs.searchTier(
          this.reader(viewer),
          query,
          terms,
          'any',
          inAllTier ? null : after,
          more,
        )),
      );
    }
    return toPage(
      rows,
      limit,
      (r) => [r.relevance, r.id],
      (r) => presentJobRow(r, r.relevance),
    );
  }

  private reader(viewer: AuthUser | undefined): JobReader {
    return { seesAll: !!viewer && isStaff(viewer.role) };
  }

  // The recruiter who created the job, or an admin (job-level settings such as its e-mail wording).
  async requireEditable(actor: AuthUser, id: string): Promise<Job> {
    return this.transactions.run((manager) => this.lockEditable(manager, actor, id));
  }

  private async lockEditable(manager: EntityManager, actor: AuthUser, id: string): Promise<Job> {
    const job = await this.jobs.lockForEdit(id, manager);
    if (!job) {
      throw new NotFoundProblem('Job');
    }
    if (job.createdBy !== actor.id && !hasAtLeast(actor.role, Role.Admin)) {
      throw new ForbiddenProblem(
        'NOT_JOB_OWNER',
        'Only the recruiter who created this job, or an admin, may change it',
      );
    }
    return job;
  }

  private fieldsFrom(dto: CreateJobDto): Partial<Job> {
    const skillsRequired = uniqueTrimmed(dto.skills_required);
    const skillsNice = uniqueTrimmed(dto.skills_nice_to_have);
    const salary = parseSalaryRange(dto.salary_range);
    return {
      title: dto.title,
      description: dto.description,
      company: dto.company || null,
      location: dto.location || null,
      salaryRange: dto.salary_range?.trim() || null,
      salaryMin: salary.min,
      salaryMax: salary.max,
      jobType: dto.job_type || null,
      workMode: dto.work_mode || null,
      experienceLevel: dto.experience_level || null,
      department: dto.department || null,
      skillsRequired,
      skillsNiceToHave: skillsNice,
      skillKeys: skillKeysOf([...skillsRequired, ...skillsNice]),
    };
  }

  private partialFieldsFrom(dto: UpdateJobDto): Partial<Job> {
    const full = this.fieldsFrom({ title: '', description: '', ...dto });
    const out: Partial<Job> = {};
    const map: [keyof UpdateJobDto, (keyof Job)[]][] = [
      ['title', ['title']],
      ['description', ['description']],
      ['company', ['company']],
      ['location', ['location']],
      ['salary_range', ['salaryRange', 'salaryMin', 'salaryMax']],
      ['job_type', ['jobType']],
      ['work_mode', ['workMode']],
      ['experience_level', ['experienceLevel']],
      ['department', ['department']],
      ['skills_required', ['skillsRequired']],
      ['skills_nice_to_have', ['skillsNiceToHave']],
    ];
    for (const [field, columns] of map) {
      if (dto[field] !== undefined) {
        for (const column of columns) {
          (out as Record<string, unknown>)[column] = full[column];
        }
      }
    }
    return out;
  }
}
