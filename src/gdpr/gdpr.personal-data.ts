import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FILE_STORAGE } from '../storage/file-storage';
import type { FileStorage } from '../storage/file-storage';
import { GdprExport } from './entities/gdpr-export.entity';
import { GdprRequest } from './entities/gdpr-request.entity';
import { exportStorageKey } from './gdpr-keys';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataHandler,
  PersonalDataProvider,
  PersonalDataSubject,
  RetentionContext,
} from '../kernel/personal-data/personal-data-handler';

const ABOUT_SUBJECT = `(subject_candidate_id = $1 OR (subject_user_id IS NOT NULL AND subject_user_id = $2))`;

// The GDPR module's own personal data: export files about the person and the free-text reason of
// their requests. The erasure request row itself stays (ids, status, counts) as proof.
@Injectable()
@PersonalDataProvider()
export class GdprPersonalData implements PersonalDataHandler {
  readonly name = 'gdpr';
  readonly tables = { gdpr_exports: 'rows', gdpr_requests: ['reason_encrypted'] } as const;
  readonly retention = {
    expired_exports: (context: RetentionContext) => this.purgeExpiredExports(context),
  };

  constructor(
    private readonly dataSource: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async export(
    subject: PersonalDataSubject,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonalDataExport> {
    const where = [
      ...(subject.candidateId ? [{ subjectCandidateId: subject.candidateId }] : []),
      ...(subject.userId ? [{ subjectUserId: subject.userId }] : []),
    ];
    if (where.length === 0) {
      return { records: {} };
    }
    const order = { createdAt: 'ASC' } as const;
    const exports = await manager.find(GdprExport, { where, order });
    const requests = await manager.find(GdprRequest, { where, order });
    return {
      records: {
        data_exports: exports.map((e) => ({
          id: e.id,
          format: e.format,
          status: e.status,
          download_count: e.downloadCount,
          created_at: e.createdAt,
          expires_at: e.expiresAt,
        })),
        gdpr_requests: requests.map((r) => ({
          id: r.id,
          kind: r.kind,
          status: r.status,
          reason: r.reason,
          created_at: r.createdAt,
          completed_at: r.completedAt,
        })),
      },
    };
  }

  async erase(subject: PersonalDataSubject, manager: EntityManager): Promise<ErasureCounts> {
    const params = [subject.candidateId, subject.userId];
    const exports = await manager.query<{ id: string }[]>(
      `SELECT id FROM gdpr_exports WHERE ${ABOUT_SUBJECT}`,
      params,
    );
    for (const row of exports) {
      await this.storage.delete(exportStorageKey(row.id));
    }
    await manager.query('DELETE FROM gdpr_exports WHERE id = ANY($1::uuid[])', [
      exports.map((e) => e.id),
    ]);
    await manager.query(
      `UPDATE gdpr_requests SET reason_encrypted = NULL
        WHERE ${ABOUT_SUBJECT} AND reason_encrypted IS NOT NULL`,
      params,
    );
    return { data_exports: exports.length };
  }

  // Ready exports whose link expired more than `days` ago: the file goes, the row says expired.
  private async purgeExpiredExports(context: RetentionContext): Promise<number> {
    const due = `status = 'ready' AND expires_at < $1`;
    if (context.dryRun) {
      const [row] = await this.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM gdpr_exports WHERE ${due}`,
        [context.cutoff],
      );
      return row.n;
    }
    let total = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const rows = await manager.query<{ id: string }[]>(
          `SELECT id FROM gdpr_exports WHERE ${due}
            ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [context.cutoff, context.batchSize],
        );
        for (const row of rows) {
          await this.storage.delete(exportStorageKey(row.id));
        }
        await manager.query(
          `UPDATE gdpr_exports SET status = 'expired', storage_key = NULL
            WHERE id = ANY($1::uuid[])`,
          [rows.map((r) => r.id)],
        );
        return rows.length;
      });
      total += done;
      if (done < context.batchSize) {
        return total;
      }
    }
  }
}
