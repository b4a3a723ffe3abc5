import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import {
  DomainException,
  NotFoundProblem,
  ServiceUnavailableProblem,
} from '../common/errors/domain.exception';
import { CryptoService } from '../crypto/crypto.service';
import { QueueService } from '../queue/queue.service';
import { FILE_STORAGE } from '../storage/file-storage';
import type { FileStorage } from '../storage/file-storage';
import { Resume } from './entities/resume.entity';
import {
  JOB_PARSE_TIMEOUT_MS,
  ResumeParserService,
  SYNC_PARSE_TIMEOUT_MS,
} from './resume-parser.service';
import type { ParseOutcome } from './resume-parser.service';
import { RESUME_PARSE_QUEUE } from './resumes.queues';
import type { ResumeParseJobData } from './resumes.queues';
import { ResumeResultsService } from './resume-results.service';
import { presentParseResult, ResumeParseResponse } from './resume.presenter';

const PARSE_RETRY_LIMIT = 3;
const FILE_MISSING: ParseOutcome = {
  status: 'failed',
  code: 'FILE_MISSING',
  reason: 'The stored file is missing.',
};

// The durable path for parsing: every upload that was not parsed inline, every résumé attached
// while applying, and retries. A staff re-parse runs the same steps synchronously.
@Injectable()
export class ResumeParseJobService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
    private readonly parser: ResumeParserService,
    private readonly results: ResumeResultsService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  onModuleInit(): void {
    this.queue.register<ResumeParseJobData>({
      name: RESUME_PARSE_QUEUE,
      handler: (data, job) => this.runJob(data, job.retryCount),
      // The worker's own time limit is shorter than the job's expiry, so a stuck file fails
      // as TIMEOUT instead of being picked up again and again.
      options: { retryLimit: PARSE_RETRY_LIMIT, expireInSeconds: 120 },
    });
  }

  async runJob(data: ResumeParseJobData, retryCount: number): Promise<void> {
    const resume = await this.dataSource.getRepository(Resume).findOneBy({ id: data.resume_id });
    if (!resume || (resume.parsingStatus !== 'pending' && !data.force)) {
      return;
    }
    let outcome: ParseOutcome;
    try {
      const bytes = await this.storage.get(resume.storageKey);
      outcome = bytes
        ? await this.parser.parse(bytes, resume.fileKind, JOB_PARSE_TIMEOUT_MS)
        : FILE_MISSING;
    } catch (error) {
      // Unexpected (a crashed worker, a storage hiccup): retried, and visible as failed at the end.
      if (retryCount < PARSE_RETRY_LIMIT) {
        throw error;
      }
      outcome = { status: 'failed', code: 'INTERNAL', reason: 'The file could not be parsed.' };
    }
    await this.dataSource.transaction((manager) =>
      this.results.record(manager, resume.id, outcome, { onlyIfPending: !data.force }),
    );
  }

  async reparse(actor: AuthUser, resumeId: string): Promise<ResumeParseResponse> {
    const resume = await this.dataSource.getRepository(Resume).findOneBy({ id: resumeId });
    if (!resume) {
      throw new NotFoundProblem('Resume');
    }
    const bytes = await this.storage.get(resume.storageKey);
    let outcome: ParseOutcome;
    try {
      outcome = bytes
        ? await this.parser.parse(bytes, resume.fileKind, SYNC_PARSE_TIMEOUT_MS)
        : FILE_MISSING;
    } catch {
      throw new ServiceUnavailableProblem(
        'PARSER_UNAVAILABLE',
        'The résumé parser is unavailable; try again shortly',
      );
    }
    const updated = await this.dataSource.transaction(async (manager) => {
      const recorded = await this.results.record(manager, resume.id, outcome);
      if (!recorded) {
        throw new NotFoundProblem('Resume');
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'resume.reparsed',
        targetType: 'resume',
        targetId: resume.id,
        metadata: { parsing_status: recorded.parsingStatus },
      });
      return recorded;
    });
    if (outcome.status === 'failed') {
      // The failure is recorded on the résumé; the caller asked for parsed fields and gets why not.
      throw new DomainException(422, `RESUME_${outcome.code}`, outcome.reason, {
        resume_id: updated.id,
        parsing_status: updated.parsingStatus,
      });
    }
    return presentParseResult(updated, this.crypto);
  }
}
