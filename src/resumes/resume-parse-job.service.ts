import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'pg-boss';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import {
  DomainException,
  NotFoundProblem,
  ServiceUnavailableProblem,
} from '../common/errors/domain.exception';
import { Transactions } from '../database/transactions';
import { QueueJob } from '../queue/queue-job.decorator';
import { FILE_STORAGE } from '../storage/file-storage';
import type { FileStorage } from '../storage/file-storage';
import {
  JOB_PARSE_TIMEOUT_MS,
  ResumeParserService,
  SYNC_PARSE_TIMEOUT_MS,
} from './resume-parser.service';
import type { ParseOutcome } from './resume-parser.service';
import { RESUME_PARSE_QUEUE } from './resumes.queues';
import type { ResumeParseJobData } from './resumes.queues';
import { ResumeResultsService } from './resume-results.service';
import { ResumeRepository } from './resume.repository';
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
export class ResumeParseJobService {
  constructor(
    private readonly transactions: Transactions,
    private readonly resumes: ResumeRepository,
    private readonly audit: AuditService,
    private readonly parser: ResumeParserService,
    private readonly results: ResumeResultsService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  // The worker's own time limit is shorter than the job's expiry, so a stuck file fails as
  // TIMEOUT instead of being picked up again and again.
  @QueueJob(RESUME_PARSE_QUEUE, {
    options: { retryLimit: PARSE_RETRY_LIMIT, expireInSeconds: 120 },
  })
  async runJob(data: ResumeParseJobData, job: Job<ResumeParseJobData>): Promise<void> {
    const retryCount = job.retryCount;
    const resume = await this.resumes.findById(data.resume_id);
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
    await this.transactions.run((manager) =>
      this.results.record(manager, resume.id, outcome, { onlyIfPending: !data.force }),
    );
  }

  async reparse(actor: AuthUser, resumeId: string): Promise<ResumeParseResponse> {
    const resume = await this.resumes.findById(resumeId);
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
    const updated = await this.transactions.run(async (manager) => {
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
    return presentParseResult(updated);
  }
}
