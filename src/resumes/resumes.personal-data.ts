import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CryptoService } from '../crypto/crypto.service';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataFile,
  PersonalDataHandler,
  PersonalDataProvider,
  PersonalDataSubject,
  RetentionContext,
} from '../kernel/personal-data/personal-data-handler';
import { FILE_STORAGE } from '../storage/file-storage';
import type { FileStorage } from '../storage/file-storage';
import { Resume } from './entities/resume.entity';
import { ResumeKnowledgeSet } from './entities/resume-knowledge-set.entity';
import { RESUME_CONTENT_TYPES } from './resume-download-name';
import { ResumePurgeService, UNATTACHED_RESUME_TTL_MS } from './resume-purge.service';
import { decryptParsed, resumeAad } from './resume.presenter';

@Injectable()
@PersonalDataProvider()
export class ResumesPersonalData implements PersonalDataHandler {
  readonly name = 'resumes';
  readonly tables = { resumes: 'rows', resume_knowledge_sets: 'rows' } as const;
  readonly retention = {
    unattached_uploads: (context: RetentionContext) => this.purgeUnattached(context),
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly purge: ResumePurgeService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async export(
    subject: PersonalDataSubject,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonalDataExport> {
    const resumes = await this.resumesOf(subject, manager);
    const files: PersonalDataFile[] = [];
    for (const resume of resumes) {
      const data = await this.storage.get(resume.storageKey);
      if (data) {
        files.push({
          path: `resumes/${resume.id}.${resume.fileKind}`,
          contentType: RESUME_CONTENT_TYPES[resume.fileKind],
          data,
        });
      }
    }
    const hashes = [...new Set(resumes.map((r) => r.contentHash))];
    const knowledge = hashes.length
      ? await manager
          .createQueryBuilder(ResumeKnowledgeSet, 'k')
          .where('k.content_hash = ANY(:hashes)', { hashes })
          .getMany()
      : [];
    return {
      records: {
        resumes: resumes.map((r) => ({
          id: r.id,
          candidate_id: r.candidateId,
          file: `resumes/${r.id}.${r.fileKind}`,
          original_filename: this.crypto.decryptNullable(
            r.originalFilenameEncrypted,
            resumeAad(r.id, 'original_filename'),
          ),
          file_kind: r.fileKind,
          size_bytes: r.sizeBytes,
          parsing_status: r.parsingStatus,
          parse_error: r.parseError,
          text: this.crypto.decryptNullable(r.textEncrypted, resumeAad(r.id, 'text')),
          parsed: decryptParsed(r, this.crypto),
          skills: r.skills,
          experience_years: r.experienceYears,
          experience_level: r.experienceLevel,
          parsed_at: r.parsedAt,
          created_at: r.createdAt,
        })),
        resume_knowledge_sets: knowledge.map((k) => ({
          id: k.contentHash,
          content_hash: k.contentHash,
          categories: k.categories,
          skill_count: k.skillCount,
          computed_at: k.computedAt,
        })),
      },
      files,
    };
  }

  // Files first, rows after: if the transaction fails the retry finds the rows again and the
  // already-deleted files are simply gone (storage delete is idempotent).
  async erase(subject: PersonalDataSubject, manager: EntityManager): Promise<ErasureCounts> {
    const resumes = await this.resumesOf(subject, manager);
    if (resumes.length === 0) {
      return {};
    }
    for (const resume of resumes) {
      await this.storage.delete(resume.storageKey);
    }
    const ids = resumes.map((r) => r.id);
    await manager.query('DELETE FROM resumes WHERE id = ANY($1::uuid[])', [ids]);
    // The cached skills of that content, unless another résumé has the same bytes.
    const [knowledge] = await manager.query<{ n: number }[]>(
      `WITH d AS (DELETE FROM resume_knowledge_sets k
                   WHERE k.content_hash = ANY($1::text[])
                     AND NOT EXISTS (SELECT 1 FROM resumes r WHERE r.content_hash = k.content_hash)
                  RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [[...new Set(resumes.map((r) => r.contentHash))]],
    );
    return { resumes: ids.length, resume_files: ids.length, resume_knowledge_sets: knowledge.n };
  }

  // Their candidate's résumés, plus uploads they made while signed in that were never attached
  // to a candidate. A staff upload for someone else belongs to that someone.
  private resumesOf(subject: PersonalDataSubject, manager: EntityManager): Promise<Resume[]> {
    if (!subject.candidateId && !subject.userId) {
      return Promise.resolve([]);
    }
    return manager
      .createQueryBuilder(Resume, 'r')
      .where(
        '(r.candidate_id = :candidateId OR (r.candidate_id IS NULL AND r.uploaded_by = :userId))',
        { candidateId: subject.candidateId, userId: subject.userId },
      )
      .orderBy('r.created_at', 'ASC')
      .getMany();
  }

  // The hourly ResumePurgeService already enforces the API's 24 h promise; a shorter policy
  // reuses it with the cutoff moved, so there is one implementation of the purge.
  private async purgeUnattached(context: RetentionContext): Promise<number> {
    if (context.dryRun) {
      const [row] = await this.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM resumes r
          WHERE r.candidate_id IS NULL AND r.created_at < $1
            AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.resume_id = r.id)`,
        [context.cutoff],
      );
      return row.n;
    }
    return this.purge.purgeUnattached(
      new Date(context.cutoff.getTime() + UNATTACHED_RESUME_TTL_MS),
    );
  }
}
