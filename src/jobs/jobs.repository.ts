import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, Repository } from 'typeorm';
import { Page, pageLimit, toPage } from '../common/pagination/cursor';
import { keysetCondition } from '../common/pagination/keyset';
import { syncConditions, syncPage, syncWindow } from '../common/pagination/sync-window';
import { preparedQuery } from '../database/prepared-query';
import { skillKeysOf } from './skill-keys';
import { JobListQueryDto, JobQueryDto } from './dto/job-query.dto';
import { Job } from './entities/job.entity';
import { JOB_ROW_COLUMNS, JobRow } from './job.presenter';
import { SearchTerms } from './search-terms';
import { SqlFilter } from './sql-filter';

// Search ranks at most this many matches per tier, the newest first: ranking every match of a
// common word grew with the data (42k of 50k jobs for "engineer", 100 ms). What it gives up: a
// query with more matches than this finds only the newest of them, on every page
// (bench/RESULTS.md, docs/api.md).
export const SEARCH_CANDIDATES = 1000;

// Who is reading decides which jobs a list or search may show (see `visibility`).
export interface JobReader {
  seesAll: boolean;
}

@Injectable()
export class JobsRepository {
  constructor(
    @InjectRepository(Job) private readonly rows: Repository<Job>,
    private readonly dataSource: DataSource,
  ) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.rows.manager;
  }

  // Hears the entity events of every write through TypeORM, whoever makes it.
  addSubscriber(subscriber: EntitySubscriberInterface): void {
    this.dataSource.subscribers.push(subscriber);
  }

  async insert(job: Partial<Job>, manager?: EntityManager): Promise<Job> {
    const entity = this.on(manager).create(Job, job);
    await this.on(manager).insert(Job, entity);
    return entity;
  }

  findById(id: string, manager?: EntityManager): Promise<Job | null> {
    return this.on(manager).findOneBy(Job, { id });
  }

  // Whether the job exists, as one prepared statement (the board asks it on every read).
  async exists(id: string): Promise<boolean> {
    const rows = await preparedQuery(this.dataSource, 'SELECT 1 FROM jobs WHERE id = $1', [id]);
    return rows.length > 0;
  }

  findByIdOrFail(id: string, manager?: EntityManager): Promise<Job> {
    return this.on(manager).findOneByOrFail(Job, { id });
  }

  lockForEdit(id: string, manager: EntityManager): Promise<Job | null> {
    return manager
      .getRepository(Job)
      .createQueryBuilder('j')
      .setLock('pessimistic_write')
      .where('j.id = :id', { id })
      .getOne();
  }

  async update(id: string, fields: Partial<Job>, manager?: EntityManager): Promise<void> {
    await this.on(manager).update(Job, { id }, fields);
  }

  async delete(id: string, manager?: EntityManager): Promise<void> {
    await this.on(manager).delete(Job, { id });
  }

  async incrementApplicationCount(jobId: string, manager: EntityManager): Promise<void> {
    await manager.increment(Job, { id: jobId }, 'applicationCount', 1);
  }

  // Applications belong to candidates, which publishes them as the view report_applications.
  async countApplications(jobId: string, manager?: EntityManager): Promise<number> {
    const [{ count }] = await this.on(manager).query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM report_applications WHERE job_id = $1',
      [jobId],
    );
    return count;
  }

  // The busiest public read: one prepared statement, presented from the row (hydrating the entity
  // through the repository was ~12% of the request's CPU, bench/RESULTS.md).
  async findRow(id: string): Promise<JobRow | undefined> {
    const [job] = await preparedQuery<JobRow>(
      this.dataSource,
      `SELECT ${JOB_ROW_COLUMNS} FROM jobs j WHERE j.id = $1`,
      [id],
    );
    return job;
  }

  // Lists and search are the busiest public routes: their SQL is written here rather than built
  // by the query builder, which cost ~5% of a request's CPU (bench/RESULTS.md).
  async list<T>(
    reader: JobReader,
    query: JobListQueryDto,
    present: (row: JobRow) => T,
  ): Promise<Page<T>> {
    const limit = pageLimit(query.limit);
    const filter = this.filtered(reader, query);
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
        present,
      );
    }
    const after = keysetCondition(
      query.cursor,
      'j',
      { column: 'created_at', direction: 'DESC' },
      (v) => filter.param(v),
    );
    if (after) {
      filter.where.push(after);
    }
    // Planned per call: a cached generic plan cannot tell a rare filter value from a common one
    // and scanned the skills index where walking ix_jobs_status_created was twice as fast.
    const rows = await this.dataSource.query<JobRow[]>(
      `SELECT ${JOB_ROW_COLUMNS} FROM jobs j WHERE ${filter.where.join(' AND ')}
        ORDER BY j.created_at DESC, j.id DESC LIMIT ${limit + 1}`,
      filter.params,
    );
    return toPage(rows, limit, (j) => [j.cursor_at, j.id], present);
  }

  searchTier(
    reader: JobReader,
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
    this.visibility(filter, reader, query, { status: 's.status', live: 'NOT s.archived' });
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
  private filtered(reader: JobReader, query: JobQueryDto): SqlFilter {
    const filter = new SqlFilter();
    this.visibility(filter, reader, query, { status: 'j.status', live: 'j.archived_at IS NULL' });
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
    reader: JobReader,
    query: JobQueryDto,
    columns: { status: string; live: string },
  ): void {
    if (!reader.seesAll) {
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
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
