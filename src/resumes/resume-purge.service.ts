import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import type { Queue } from 'pg-boss';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { QueueService } from '../queue/queue.service';
import { FILE_STORAGE } from '../storage/file-storage';
import type { FileStorage } from '../storage/file-storage';
import { RESUME_PURGE_QUEUE } from './resumes.queues';

// An upload nobody attached to a candidate (anonymous, or staff trying the parser) is kept for
// a day so it can still be used to apply (`resume_id`), then removed.
export const UNATTACHED_RESUME_TTL_MS = 24 * 60 * 60 * 1000;
const PURGE_BATCH = 200;
// One purge queued or running at a time, however many instances tick.
const PURGE_QUEUE_OPTIONS: Omit<Queue, 'name'> = { policy: 'exclusive', retryLimit: 3 };

@Injectable()
export class ResumePurgeService implements OnModuleInit {
  private readonly logger = new Logger('ResumePurge');

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  onModuleInit(): void {
    this.queue.register({
      name: RESUME_PURGE_QUEUE,
      handler: async () => {
        await this.purgeUnattached();
      },
      options: PURGE_QUEUE_OPTIONS,
    });
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
  // in between leaves an unreadable orphan file, never a row pointing at nothing.
  async purgeUnattached(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - UNATTACHED_RESUME_TTL_MS);
    let purged = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const rows = await manager.query<{ id: string; storage_key: string }[]>(
          `SELECT r.id, r.storage_key FROM resumes r
            WHERE r.candidate_id IS NULL AND r.created_at < $1
              AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.resume_id = r.id)
            ORDER BY r.created_at
            LIMIT $2
            FOR UPDATE OF r SKIP LOCKED`,
          [cutoff, PURGE_BATCH],
        );
        if (rows.length === 0) {
          return rows;
        }
        await manager.query('DELETE FROM resumes WHERE id = ANY($1::uuid[])', [
          rows.map((r) => r.id),
        ]);
        await this.audit.record(manager, {
          action: 'resume.purged',
          targetType: 'resume',
          metadata: { count: rows.length, reason: 'unattached_after_24h' },
        });
        return rows;
      });
      for (const row of batch) {
        await this.storage.delete(row.storage_key);
      }
      purged += batch.length;
      if (batch.length < PURGE_BATCH) {
        break;
      }
    }
    // Cached knowledge sets of content no résumé holds any more.
    await this.dataSource.query(
      `DELETE FROM resume_knowledge_sets k
        WHERE NOT EXISTS (SELECT 1 FROM resumes r WHERE r.content_hash = k.content_hash)`,
    );
    return purged;
  }
}
