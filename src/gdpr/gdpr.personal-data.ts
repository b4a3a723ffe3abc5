import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import { FILE_STORAGE } from '../storage/file-storage';
import type { FileStorage } from '../storage/file-storage';
import { GdprExportsRepository } from './exports/gdpr-exports.repository';
import { exportStorageKey } from './gdpr-keys';
import { GdprRequestsRepository } from './gdpr-requests.repository';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataHandler,
  PersonalDataProvider,
  PersonalDataSubject,
  RetentionContext,
} from '../kernel/personal-data/personal-data-handler';

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
    private readonly transactions: Transactions,
    private readonly exports: GdprExportsRepository,
    private readonly requests: GdprRequestsRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async export(
    subject: PersonalDataSubject,
    manager: EntityManager = this.transactions.manager,
  ): Promise<PersonalDataExport> {
    if (!subject.candidateId && !subject.userId) {
      return { records: {} };
    }
    const exports = await this.exports.listAbout(manager, subject);
    const requests = await this.requests.listAbout(manager, subject);
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
    const exportIds = await this.exports.idsAbout(manager, subject);
    for (const id of exportIds) {
      await this.storage.delete(exportStorageKey(id));
    }
    await this.exports.deleteByIds(manager, exportIds);
    await this.requests.clearReasonsAbout(manager, subject);
    return { data_exports: exportIds.length };
  }

  // Ready exports whose link expired more than `days` ago: the file goes, the row says expired.
  private async purgeExpiredExports(context: RetentionContext): Promise<number> {
    if (context.dryRun) {
      return this.exports.countExpiredBefore(context.cutoff);
    }
    let total = 0;
    for (;;) {
      const done = await this.transactions.run(async (manager) => {
        const ids = await this.exports.lockExpiredBefore(
          manager,
          context.cutoff,
          context.batchSize,
        );
        for (const id of ids) {
          await this.storage.delete(exportStorageKey(id));
        }
        await this.exports.markExpired(manager, ids);
        return ids.length;
      });
      total += done;
      if (done < context.batchSize) {
        return total;
      }
    }
  }
}
