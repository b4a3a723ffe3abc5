import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Page, pageLimit } from '../common/pagination/cursor';
import { keysetPage } from '../common/pagination/keyset';
import {
  applySyncWindow,
  SyncPageQueryDto,
  syncPage,
  syncWindow,
} from '../common/pagination/sync-window';
import { Application } from './entities/application.entity';
import { Candidate } from './entities/candidate.entity';

// A list of applications: of a job or of a person, by stage or status, and the keyed digests a
// free-text query matches (the person's e-mail or name words, company and position words).
export interface ApplicationFilter {
  jobId?: string;
  candidateId?: string;
  stage?: string;
  status?: string;
  text: { emailHash: string; tokens: string[]; position: string[]; company: string[] } | null;
}

@Injectable()
export class ApplicationsRepository {
  constructor(@InjectRepository(Application) private readonly rows: Repository<Application>) {}

  private on(manager: EntityManager | undefined): EntityManager {
    return manager ?? this.rows.manager;
  }

  findById(id: string, manager?: EntityManager): Promise<Application | null> {
    return this.on(manager).findOneBy(Application, { id });
  }

  async idsOfCandidate(candidateId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await this.on(manager).find(Application, {
      select: { id: true },
      where: { candidateId },
    });
    return rows.map((a) => a.id);
  }

  findForJobAndCandidate(
    jobId: string,
    candidateId: string,
    manager?: EntityManager,
  ): Promise<Application | null> {
    return this.on(manager).findOneBy(Application, { jobId, candidateId });
  }

  // Newest first.
  listForCandidate(candidateId: string, manager?: EntityManager): Promise<Application[]> {
    return this.on(manager).find(Application, {
      where: { candidateId },
      order: { appliedAt: 'DESC' },
    });
  }

  latestOfCandidate(candidateId: string, manager?: EntityManager): Promise<Application | null> {
    return this.on(manager).findOne(Application, {
      where: { candidateId },
      order: { appliedAt: 'DESC' },
    });
  }

  // Newest application first, or by change for an incremental sync (`updated_after`).
  async search<T>(
    filter: ApplicationFilter,
    page: SyncPageQueryDto,
    present: (application: Application) => T,
  ): Promise<Page<T>> {
    const qb = this.rows.createQueryBuilder('a');
    if (filter.jobId) {
      qb.andWhere('a.job_id = :jobId', { jobId: filter.jobId });
    }
    if (filter.candidateId) {
      qb.andWhere('a.candidate_id = :candidateId', { candidateId: filter.candidateId });
    }
    if (filter.stage) {
      qb.andWhere('a.stage = :stage', { stage: filter.stage });
    }
    if (filter.status) {
      qb.andWhere('a.status = :status', { status: filter.status });
    }
    if (filter.text) {
      qb.innerJoin(Candidate, 'c', 'c.id = a.candidate_id').andWhere(
        `(c.email_hash = :emailHash OR (cardinality(:tokens::text[]) > 0 AND c.name_tokens @> :tokens::text[])
          OR (cardinality(:position::text[]) > 0 AND a.current_position_tokens @> :position::text[])
          OR (cardinality(:company::text[]) > 0 AND a.current_company_tokens @> :company::text[]))`,
        filter.text,
      );
    }
    const sync = await syncWindow(this.rows.manager, page);
    if (sync) {
      const limit = pageLimit(page.limit);
      const rows = await applySyncWindow(qb, 'a', sync)
        .limit(limit + 1)
        .getMany();
      return syncPage(
        this.rows.manager,
        'applications',
        sync,
        rows,
        limit,
        (a) => [a.updatedAt.toISOString(), a.id],
        present,
      );
    }
    return keysetPage(
      qb,
      page,
      { column: 'applied_at', direction: 'DESC', key: (a) => [a.appliedAt, a.id] },
      present,
    );
  }

  // "Same e-mail on the same job twice": the advisory lock on (job, address) makes this check and
  // the caller's insert one step across requests; true when either record already applied.
  async lockAndCheckApplied(
    jobId: string,
    candidateId: string,
    emailHash: string,
    manager: EntityManager,
  ): Promise<boolean> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [
      jobId,
      emailHash,
    ]);
    const [row] = await manager.query<{ applied: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM applications a JOIN candidates c ON c.id = a.candidate_id
          WHERE a.job_id = $1 AND (a.candidate_id = $2 OR c.email_hash = $3)) AS applied`,
      [jobId, candidateId, emailHash],
    );
    return row.applied;
  }
}
