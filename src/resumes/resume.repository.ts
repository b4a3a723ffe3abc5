import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ResumeKnowledgeSet } from './entities/resume-knowledge-set.entity';
import { Resume } from './entities/resume.entity';

export interface StoredResumeFile {
  id: string;
  // As text: a Date would drop the microseconds and the keyset would return the row again.
  createdAt: string;
  storageKey: string;
}

// Every query of the résumé module's tables. Writes that carry encrypted columns go through the
// entity manager with the row id in the values (the encrypted-columns subscriber seals them).
@Injectable()
export class ResumeRepository {
  constructor(
    @InjectRepository(Resume) private readonly rows: Repository<Resume>,
    @InjectRepository(ResumeKnowledgeSet)
    private readonly knowledgeSets: Repository<ResumeKnowledgeSet>,
  ) {}

  private on(manager: EntityManager | undefined): EntityManager {
    return manager ?? this.rows.manager;
  }

  findById(id: string, manager?: EntityManager): Promise<Resume | null> {
    return this.on(manager).findOneBy(Resume, { id });
  }

  findByIdOrFail(id: string, manager?: EntityManager): Promise<Resume> {
    return this.on(manager).findOneByOrFail(Resume, { id });
  }

  lockById(id: string, manager: EntityManager): Promise<Resume | null> {
    return manager
      .getRepository(Resume)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
  }

  async insert(resume: Resume, manager: EntityManager): Promise<Resume> {
    await manager.insert(Resume, resume);
    return manager.findOneByOrFail(Resume, { id: resume.id });
  }

  async update(id: string, patch: Partial<Resume>, manager: EntityManager): Promise<void> {
    await manager.update(Resume, { id }, { ...patch, id });
  }

  findOfCandidate(id: string, candidateId: string): Promise<Resume | null> {
    return this.rows.findOneBy({ id, candidateId });
  }

  newestOfCandidate(candidateId: string): Promise<Resume | null> {
    return this.rows.findOne({ where: { candidateId }, order: { createdAt: 'DESC' } });
  }

  listOfCandidate(candidateId: string): Promise<Resume[]> {
    return this.rows.find({ where: { candidateId }, order: { createdAt: 'DESC' } });
  }

  async unattachedBytes(): Promise<number> {
    const [row] = await this.rows.query<{ bytes: number }[]>(
      'SELECT coalesce(sum(size_bytes), 0)::float8 AS bytes FROM resumes WHERE candidate_id IS NULL',
    );
    return row.bytes;
  }

  // Personal data: their candidate's résumés, plus uploads they made signed in that were never
  // attached to a candidate.
  forSubject(
    subject: { candidateId: string | null; userId: string | null },
    manager: EntityManager,
  ): Promise<Resume[]> {
    return manager
      .createQueryBuilder(Resume, 'r')
      .where(
        '(r.candidate_id = :candidateId OR (r.candidate_id IS NULL AND r.uploaded_by = :userId))',
        { candidateId: subject.candidateId, userId: subject.userId },
      )
      .orderBy('r.created_at', 'ASC')
      .getMany();
  }

  // The next unattached uploads older than the cutoff, after `after` in (created_at, id) order,
  // locked; rows another purge holds are skipped.
  async lockUnattachedBefore(
    cutoff: Date,
    after: StoredResumeFile | null,
    limit: number,
    manager: EntityManager,
  ): Promise<StoredResumeFile[]> {
    const rows = await manager.query<{ id: string; created_at: string; storage_key: string }[]>(
      `SELECT r.id, r.created_at::text AS created_at, r.storage_key FROM resumes r
        WHERE r.candidate_id IS NULL AND r.created_at < $1
          AND ($2::timestamptz IS NULL OR (r.created_at, r.id) > ($2::timestamptz, $3::uuid))
        ORDER BY r.created_at, r.id
        LIMIT $4
        FOR UPDATE OF r SKIP LOCKED`,
      [cutoff, after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return rows.map((r) => ({ id: r.id, createdAt: r.created_at, storageKey: r.storage_key }));
  }

  async idsUnattachedBefore(cutoff: Date): Promise<string[]> {
    const rows = await this.rows.query<{ id: string }[]>(
      'SELECT r.id FROM resumes r WHERE r.candidate_id IS NULL AND r.created_at < $1',
      [cutoff],
    );
    return rows.map((r) => r.id);
  }

  async deleteByIds(ids: string[], manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM resumes WHERE id = ANY($1::uuid[])', [ids]);
  }

  findKnowledgeSet(contentHash: string): Promise<ResumeKnowledgeSet | null> {
    return this.knowledgeSets.findOneBy({ contentHash });
  }

  // Two first requests may race; both derive the same value, the upsert keeps one.
  async saveKnowledgeSet(row: ResumeKnowledgeSet): Promise<void> {
    await this.knowledgeSets
      .createQueryBuilder()
      .insert()
      .into(ResumeKnowledgeSet)
      .values(row)
      .orUpdate(['version', 'categories', 'skill_count', 'computed_at'], ['content_hash'])
      .execute();
  }

  knowledgeSetsFor(hashes: string[], manager: EntityManager): Promise<ResumeKnowledgeSet[]> {
    if (hashes.length === 0) {
      return Promise.resolve([]);
    }
    return manager
      .createQueryBuilder(ResumeKnowledgeSet, 'k')
      .where('k.content_hash = ANY(:hashes)', { hashes })
      .getMany();
  }

  // The cached skills of these contents, unless another résumé still has the same bytes.
  async deleteUnusedKnowledgeSets(hashes: string[], manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ n: number }[]>(
      `WITH d AS (DELETE FROM resume_knowledge_sets k
                   WHERE k.content_hash = ANY($1::text[])
                     AND NOT EXISTS (SELECT 1 FROM resumes r WHERE r.content_hash = k.content_hash)
                  RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [hashes],
    );
    return row.n;
  }

  // Cached knowledge sets of content no résumé holds any more.
  async deleteOrphanKnowledgeSets(): Promise<void> {
    await this.knowledgeSets.query(
      `DELETE FROM resume_knowledge_sets k
        WHERE NOT EXISTS (SELECT 1 FROM resumes r WHERE r.content_hash = k.content_hash)`,
    );
  }
}
