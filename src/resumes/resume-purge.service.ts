import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { AuditService } from '../audit/audit.service';
import { CandidateResumeRecordsService } from '../candidates/candidate-resume-records.service';
import { Transactions } from '../database/transactions';
import { QueueJob } from '../queue/queue-job.decorator';
import { QueueService } from '../queue/queue.service';
import { FILE_STORAGE } from '../storage/file-storage';
import type { FileStorage } from '../storage/file-storage';
import { ResumeRepository } from './resume.repository';
import type { StoredResumeFile } from './resume.repository';
import { RESUME_PURGE_QUEUE } from './resumes.queues';

// An upload nobody attached to a candidate (anonymous, or staff trying the parser) is kept for
// a day so it can still be used to apply (`resume_id`), then removed.
export const UNATTACHED_RESUME_TTL_MS = 24 * 60 * 60 * 1000;
const PURGE_BATCH = 200;

@Injectable()
export class ResumePurgeService {
  private readonly logger = new Logger('ResumePurge');

  constructor(
    private readonly transactions: Transactions,
    private readonly resumes: ResumeRepository,
    private readonly candidates: CandidateResumeRecordsService,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  // One purge queued or running at a time, however many instances tick.
  @QueueJob(RESUME_PURGE_QUEUE, { options: { policy: 'exclusive', retryLimit: 3 } })
  async runPurge(): Promise<void> {
    await this.purgeUnattached();
  }

  // The cron only enqueues; the queue makes it one run across all instances.
  @Cron(CronExpression.EVERY_HOUR, { name: 'resume-purge' })
  async schedulePurge(): Promise<void> {
    try {
      await this.queue.enqueue(RESUME_PURGE_QUEUE, {}, { singletonKey: RESUME_PURGE_QUEUE });
    } catch (error) {
      this.logger.warn(`Could not enqueue the résumé purge: ${String(error)}`);
    }
  }

  // Rows go first (in batches, each with a PII-free audit entry), files after the commit: a crash
  // in between leaves an unreadable orphan file, never a row pointing at nothing. A résumé an
  // application refers to is kept; the scan moves past it.
  async purgeUnattached(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - UNATTACHED_RESUME_TTL_MS);
    let purged = 0;
    let after: StoredResumeFile | null = null;
    for (;;) {
      const { scanned, batch } = await this.transactions.run(async (manager) => {
        const rows = await this.resumes.lockUnattachedBefore(cutoff, after, PURGE_BATCH, manager);
        const held = await this.candidates.resumesHeldByApplications(
          rows.map((r) => r.id),
          manager,
        );
        const unheld = rows.filter((r) => !held.has(r.id));
        if (unheld.length > 0) {
          await this.resumes.deleteByIds(
            unheld.map((r) => r.id),
            manager,
          );
          await this.audit.record(manager, {
            action: 'resume.purged',
            targetType: 'resume',
            metadata: { count: unheld.length, reason: 'unattached_after_24h' },
          });
        }
        return { scanned: rows, batch: unheld };
      });
      for (const row of batch) {
        await this.storage.delete(row.storageKey);
      }
      purged += batch.length;
      if (scanned.length < PURGE_BATCH) {
        break;
      }
      after = scanned[scanned.length - 1];
    }
    await this.resumes.deleteOrphanKnowledgeSets();
    return purged;
  }
}
