import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CandidateResumeRecordsService } from '../candidates/candidate-resume-records.service';
import { Transactions } from '../database/transactions';
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
import { RESUME_CONTENT_TYPES } from './resume-download-name';
import { ResumePurgeService, UNATTACHED_RESUME_TTL_MS } from './resume-purge.service';
import { ResumeRepository } from './resume.repository';
import { parsedOf } from './resume.presenter';

@Injectable()
@PersonalDataProvider()
export class ResumesPersonalData implements PersonalDataHandler {
  readonly name = 'resumes';
  readonly tables = { resumes: 'rows', resume_knowledge_sets: 'rows' } as const;
  readonly retention = {
    unattached_uploads: (context: RetentionContext) => this.purgeUnattached(context),
  };

  constructor(
    private readonly transactions: Transactions,
    private readonly resumes: ResumeRepository,
    private readonly candidates: CandidateResumeRecordsService,
    private readonly purge: ResumePurgeService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async export(
    subject: PersonalDataSubject,
    manager: EntityManager = this.transactions.manager,
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
    const knowledge = await this.resumes.knowledgeSetsFor(hashes, manager);
    return {
      records: {
        resumes: resumes.map((r) => ({
          id: r.id,
          candidate_id: r.candidateId,
          file: `resumes/${r.id}.${r.fileKind}`,
          original_filename: r.originalFilename,
          file_kind: r.fileKind,
          size_bytes: r.sizeBytes,
          parsing_status: r.parsingStatus,
          parse_error: r.parseError,
          text: r.text,
          parsed: parsedOf(r),
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
    await this.resumes.deleteByIds(ids, manager);
    const knowledge = await this.resumes.deleteUnusedKnowledgeSets(
      [...new Set(resumes.map((r) => r.contentHash))],
      manager,
    );
    return { resumes: ids.length, resume_files: ids.length, resume_knowledge_sets: knowledge };
  }

  // Their candidate's résumés, plus uploads they made while signed in that were never attached
  // to a candidate. A staff upload for someone else belongs to that someone.
  private resumesOf(subject: PersonalDataSubject, manager: EntityManager): Promise<Resume[]> {
    if (!subject.candidateId && !subject.userId) {
      return Promise.resolve([]);
    }
    return this.resumes.forSubject(subject, manager);
  }

  // The hourly ResumePurgeService already enforces the API's 24 h promise; a shorter policy
  // reuses it with the cutoff moved, so there is one implementation of the purge.
  private async purgeUnattached(context: RetentionContext): Promise<number> {
    if (context.dryRun) {
      const ids = await this.resumes.idsUnattachedBefore(context.cutoff);
      const held = await this.candidates.resumesHeldByApplications(ids);
      return ids.length - held.size;
    }
    return this.purge.purgeUnattached(
      new Date(context.cutoff.getTime() + UNATTACHED_RESUME_TTL_MS),
    );
  }
}
