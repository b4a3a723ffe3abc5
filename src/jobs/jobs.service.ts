import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { hasAtLeast, isStaff, Role } from '../common/auth/role';
import { ForbiddenProblem, NotFoundProblem } from '../common/errors/domain.exception';
import { decodeCursor, Page, pageLimit, toPage } from '../common/pagination/cursor';
import { syncConditions, syncPage, syncWindow } from '../common/pagination/sync-window';
import { preparedQuery } from '../database/prepared-query';
import { skillKey } from '../skills/skill-normalizer';
import { CreateJobDto, UpdateJobDto } from './dto/job.dto';
import { JobListQueryDto, JobQueryDto } from './dto/job-query.dto';
import { Job } from './entities/job.entity';
import {
  JOB_ROW_COLUMNS,
  JobDeletionResponse,
  JobResponse,
  JobRow,
  presentJob,
  presentJobRow,
} from './job.presenter';
import { parseSalaryRange } from './salary';
import { searchTerms, SearchTerms } from './search-terms';
import { SqlFilter } from './sql-filter';

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

export function skillKeysOf(skills: string[]): string[] {
  return [...new Set(skills.map((s) => skillKey(s)).filter(Boolean))];
}

// Search ranks at most this many matches per tier, the newest first: ranking every match of a
// common word grew with the data (42k of 50k jobs for "engineer", 100 ms). What it gives up: a
// query with more matches than this finds only the newest of them, on every page
// (bench/RESULTS.md, docs/api.md).
export const SEARCH_CANDIDATES = 1000;

@Injectable()
export class JobsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: AuthUser, dto: CreateJobDto): Promise<JobResponse> {
    const job = await this.dataSource.transaction(async (manager) => {
      const entity = manager.create(Job, {
        id: randomUUID(),
        ...this.fieldsFrom(dto),
        status: dto.status ?? 'Open',
        createdBy: actor.id,
        applicationCount: 0,
        archivedAt: null,
      });
      await manager.insert(Job, entity);
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'job.created',
        targetType: 'job',
        targetId: entity.id,
        metadata: { status: entity.status },
      });
      return manager.findOneByOrFail(Job, { id: entity.id });
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
    const job = await this.dataSource.transaction(async (manager) => {
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
      await manager.update(Job, { id }, { ...fields, ...(status ? { status } : {}) });
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'job.updated',
        targetType: 'job',
        targetId: id,
        metadata: { status: status ?? current.status },
      });
      return manager.findOneByOrFail(Job, { id });
    });
    return presentJob(job);
  }

  // A job with applications is never deleted: it is closed and archived, keeping every application.
  async remove(actor: AuthUser, id: string): Promise<JobDeletionResponse> {
    return this.dataSource.transaction(async (manager) => {
      const job = await this.lockEditable(manager, actor, id);
      const [{ count }] = await manager.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM applications WHERE job_id = $1',
        [id],
      );
      if (count > 0) {
        await manager.update(
          Job,
          { id },
          { status: 'Closed', archivedAt: job.archivedAt ?? new Date() },
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
      await manager.delete(Job, { id });
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

  // The busiest public read: one prepared statement, presented from the row (hydrating the entity
  // through the repository was ~12% of the request's CPU, bench/RESULTS.md).
  async findVisible(viewer: AuthUser | undefined, id: string): Promise<JobResponse> {
    const [job] = await preparedQuery<JobRow>(
      this.dataSource,
      `SELECT ${JOB_ROW_COLUMNS} FROM jobs j WHERE j.id = $1`,
      [id],
    );
    if (!job || (!this.seesAll(viewer) && (job.status !== 'Open' || job.archived_at))) {
      throw new NotFoundProblem('Job');
    }
    return presentJobRow(job);
  }

  // For other modules: the job an application or interview refers to, whatever its status.
  async getJob(id: string, manager?: EntityManager): Promise<Job> {
    const job = await (manager ?? this.dataSource.manager).findOneBy(Job, { id });
    if (!job) {
      throw new NotFoundProblem('Job');
    }
    return job;
  }

  async incrementApplicationCount(manager: EntityManager, jobId: string): Promise<void> {
    await manager.increment(Job, { id: jobId }, 'applicationCount', 1);
  }

  // Lists and search are the busiest public routes: their SQL is written here rather than built
  // by the query builder, which cost ~5% of a request's CPU (bench/RESULTS.md).
  async list(viewer: AuthUser | undefined, query: JobListQueryDto): Promise<Page<JobResponse>> {
    const limit = pageLimit(query.limit);
    const filter = this.filtered(viewer, query);
    const sync = await syncWindow(this.dataSource, query);
    if (sync) {
      filter.where.push(...syncConditions('j', sync, (v) => filter.param(v)));
      const rows = await this.dataSource.query<JobRow[]>(
        `SELECT ${JOB_ROW_COLUMNS} FROM jobs j WHERE ${filter.where.join(' AND ')}
          ORDER BY j.updated_at, j.id LIMIT ${limit + 1}`,
        filter.params,
      );
      return syncPage(
        this.dataSource,
        'jobs',
        sync,
        rows,
        limit,
        (j) => [j.updated_at, j.id],
        presentJobRow,
      );
    }
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      filter.where.push(
        `(j.created_at, j.id) < (${filter.param(after[0])}, ${filter.param(after[1])})`,
      );
    }
    // Planned per call: a cached generic plan cannot tell a rare filter value from a common one
    // and scanned the skills index where walking ix_jobs_status_created was twice as fast.
    const rows = await this.dataSource.query<JobRow[]>(
      `SELECT ${JOB_ROW_COLUMNS} FROM jobs j WHERE ${filter.where.join(' AND ')}
        ORDER BY j.created_at DESC, j.id DESC LIMIT ${limit + 1}`,
      filter.params,
    );
    return toPage(
      rows,
      limit,
      (j) => [j.cursor_at, j.id],
      (j) => presentJobRow(j),
    );
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
      ? await this.searchTier(viewer, query, terms, 'all', after, limit + 1)
      : [];
    if (rows.length <= limit && terms.any) {
      const more = limit + 1 - rows.length;
      rows.push(
        ...(await this.searchTier(viewer, query, terms, 'any', inAllTier ? null : after, more)),
      );
    }
    return toPage(
      rows,
      limit,
      (r) => [r.relevance, r.id],
      (r) => presentJobRow(r, r.relevance),
    );
  }

  private searchTier(
    viewer: AuthUser | undefined,
    query: JobQueryDto,
    terms: SearchTerms,
    tier: 'all' | 'any',
    after: (string | number)[] | null,
    take: number,
  ): Promise<(JobRow & { relevance: number })[]> {
    const filter = new SqlFilter();
    // ts_rank weighs title (A) over skills (B) over description (C). ts_rank_cd's proximity scoring
    // cost 5.5 ms against 3.4 ms for the same 1.1k matching rows (bench data, EXPLAIN ANALYZE).
    // Queries are parsed once, in FROM: written inline, a prepared (generic) plan re-parsed them
    // for every matching row, twice (3.8 ms against 1.6 ms, EXPLAIN ANALYZE on the bench data).
    const everyWord = `websearch_to_tsquery('english', ${filter.param(terms.all)})`;
    let queries = `${everyWord} AS q(q)`;
    let rank = '(1 + ts_rank(c.search_vector, q.q, 32)::float8)';
    filter.where.push('s.search_vector @@ q.q');
    if (tier === 'any') {
      const anyWord = `websearch_to_tsquery('english', ${filter.param(terms.any)})`;
      // tsquery_and is the function behind &&: a function call keeps it a FROM item, parsed once.
      const some = terms.none
        ? `tsquery_and(${anyWord}, websearch_to_tsquery('english', ${filter.param(terms.none)}))`
        : anyWord;
      queries = `${some} AS q(q), ${everyWord} AS a(q)`;
      rank = 'ts_rank(c.search_vector, q.q, 32)::float8';
      filter.where.push('NOT s.search_vector @@ a.q');
    }
    this.visibility(filter, viewer, query, { status: 's.status', live: 'NOT s.archived' });
    const visibilityEnd = filter.where.length;
    this.attributeFilters(filter, query);
    const joinJobs = filter.where.length > visibilityEnd;
    const cursor = after
      ? `WHERE (${rank}, c.job_id) < (${filter.param(Number(after[0]))}, ${filter.param(after[1])})`
      : '';
    // Only the newest SEARCH_CANDIDATES matches are ranked (ix_job_search_recent, migration
    // JobSearchRecency): a common word no longer ranks every job that has it. Planned per call,
    // not prepared: the planner must see the words to walk the recency index for a common one and
    // the GIN index for a rare one; the generic plan always took the GIN index and read every match
    // again (154 ms against 2.6 ms for "engineer" at 50k jobs, EXPLAIN ANALYZE).
    return this.dataSource.query<(JobRow & { relevance: number })[]>(
      `WITH candidates AS (
         SELECT s.job_id, s.search_vector
           FROM ${queries}, job_search s
                ${joinJobs ? 'JOIN jobs j ON j.id = s.job_id' : ''}
          WHERE ${filter.where.join(' AND ')}
          ORDER BY s.created_at DESC, s.job_id DESC LIMIT ${SEARCH_CANDIDATES}),
       hits AS (
         SELECT c.job_id, ${rank} AS relevance
           FROM ${queries}, candidates c ${cursor}
          ORDER BY relevance DESC, c.job_id DESC LIMIT ${filter.param(take)})
       SELECT ${JOB_ROW_COLUMNS}, h.relevance FROM hits h JOIN jobs j ON j.id = h.job_id
        ORDER BY h.relevance DESC, j.id DESC`,
      filter.params,
    );
  }

  // The WHERE clause of a list: visibility for the viewer, then the filters.
  private filtered(viewer: AuthUser | undefined, query: JobQueryDto): SqlFilter {
    const filter = new SqlFilter();
    this.visibility(filter, viewer, query, { status: 'j.status', live: 'j.archived_at IS NULL' });
    if (query.q?.trim()) {
      filter.where.push(
        `j.search_vector @@ websearch_to_tsquery('english', ${filter.param(query.q.trim())})`,
      );
    }
    this.attributeFilters(filter, query);
    return filter;
  }

  // Anonymous callers and candidates see open, unarchived jobs; staff see every unarchived job, or
  // those of the status they ask for (archived ones included).
  private visibility(
    filter: SqlFilter,
    viewer: AuthUser | undefined,
    query: JobQueryDto,
    columns: { status: string; live: string },
  ): void {
    if (!this.seesAll(viewer)) {
      filter.where.push(`${columns.status} = 'Open'`, columns.live);
    } else if (query.status) {
      filter.where.push(`${columns.status} = ${filter.param(query.status)}`);
    } else {
      filter.where.push(columns.live);
    }
  }

  // Filters on the job's own columns (alias j).
  private attributeFilters(filter: SqlFilter, query: JobQueryDto): void {
    if (query.location) {
      filter.where.push(
        `j.location ILIKE ${filter.param(`%${escapeLike(query.location.trim())}%`)} ESCAPE '\\'`,
      );
    }
    for (const field of ['job_type', 'work_mode', 'experience_level', 'department'] as const) {
      const value = query[field];
      if (value) {
        filter.where.push(`lower(j.${field}) = lower(${filter.param(value.trim())})`);
      }
    }
    if (query.skills) {
      const names = query.skills.split(',').filter((s) => s.trim());
      const keys = skillKeysOf(names);
      if (keys.length > 0) {
        filter.where.push(`j.skill_keys @> ${filter.param(keys)}::text[]`);
      } else if (names.length > 0) {
        // Names with nothing left once normalised ("*", "_") match no job; dropping the filter
        // would answer with every job instead.
        filter.where.push('false');
      }
    }
  }

  private seesAll(viewer: AuthUser | undefined): boolean {
    return !!viewer && isStaff(viewer.role);
  }

  // The recruiter who created the job, or an admin (job-level settings such as its e-mail wording).
  async requireEditable(actor: AuthUser, id: string): Promise<Job> {
    return this.dataSource.transaction((manager) => this.lockEditable(manager, actor, id));
  }

  private async lockEditable(manager: EntityManager, actor: AuthUser, id: string): Promise<Job> {
    const job = await manager
      .getRepository(Job)
      .createQueryBuilder('j')
      .setLock('pessimistic_write')
      .where('j.id = :id', { id })
      .getOne();
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

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
