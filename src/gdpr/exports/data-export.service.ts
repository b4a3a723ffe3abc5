import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import type { Job } from 'pg-boss';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { Role } from '../../common/auth/role';
import {
  ConflictProblem,
  DomainException,
  NotFoundProblem,
} from '../../common/errors/domain.exception';
import type { AppConfig, GdprSettings } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import { QueueJob } from '../../queue/queue-job.decorator';
import { QueueService } from '../../queue/queue.service';
import type { Readable } from 'node:stream';
import { FILE_STORAGE } from '../../storage/file-storage';
import type { FileStorage } from '../../storage/file-storage';
import { CreateExportDto } from '../dto/gdpr-request.dto';
import type { GdprExport } from '../entities/gdpr-export.entity';
import { exportStorageKey } from '../gdpr-keys';
import { GdprMailService } from '../gdpr-mail.service';
import { GdprSubjectService } from '../gdpr-subject.service';
import { isExpired } from '../gdpr.presenter';
import { GDPR_EXPORT_EXPIRY_QUEUE, GDPR_EXPORT_QUEUE } from '../gdpr.queues';
import type { GdprExportJob } from '../gdpr.queues';
import type { PersonalDataExport } from '../../kernel/personal-data/personal-data-handler';
import { PersonalDataRegistry } from '../personal-data/personal-data.registry';
import { buildJsonExport, buildZipExport, exportedIds, mergeExports } from './export-document';
import { GdprExportsRepository } from './gdpr-exports.repository';

const EXPORT_RETRIES = 4;

export interface ExportDownload {
  stream: Readable;
  sizeBytes: number | null;
  contentType: string;
  fileName: string;
}

// Art. 15/20: gathers every handler's records about one person in a queue job, stores the file
// encrypted, and serves it to its requester (or an admin) until it expires.
@Injectable()
export class DataExportService {
  private readonly logger = new Logger('GdprExport');
  private readonly expiryHours: number;

  constructor(
    private readonly transactions: Transactions,
    private readonly exports: GdprExportsRepository,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
    private readonly registry: PersonalDataRegistry,
    private readonly subjects: GdprSubjectService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly mail: GdprMailService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.expiryHours = config.get<GdprSettings>('gdpr').exportExpiryHours;
  }

  @QueueJob(GDPR_EXPORT_QUEUE, {
    options: { retryLimit: EXPORT_RETRIES, retryDelay: 5, retryBackoff: true },
  })
  onBuildJob(data: GdprExportJob, job: Job<GdprExportJob>): Promise<void> {
    return this.build(data.export_id, job);
  }

  @QueueJob(GDPR_EXPORT_EXPIRY_QUEUE)
  onExpiryJob(data: GdprExportJob): Promise<void> {
    return this.expire(data.export_id);
  }

  async request(actor: AuthUser, dto: CreateExportDto): Promise<GdprExport> {
    const subject = await this.subjects.resolve(actor, dto);
    return this.transactions.run(async (manager) => {
      const row = await this.exports.insert(manager, {
        id: randomUUID(),
        requestedBy: actor.id,
        subjectUserId: subject.userId,
        subjectCandidateId: subject.candidateId,
        format: dto.format,
        status: 'pending',
      });
      await this.queue.enqueue<GdprExportJob>(
        GDPR_EXPORT_QUEUE,
        { export_id: row.id },
        { manager },
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'gdpr.export_requested',
        targetType: subject.candidateId ? 'candidate' : 'user',
        targetId: subject.candidateId ?? subject.userId,
        metadata: { export_id: row.id, format: dto.format },
      });
      return row;
    });
  }

  // The requester or an admin; anyone else gets 404, never a hint that it exists.
  async findVisible(actor: AuthUser, id: string): Promise<GdprExport> {
    const row = await this.exports.findById(id);
    if (!row || (row.requestedBy !== actor.id && actor.role !== Role.Admin)) {
      throw new NotFoundProblem('Export');
    }
    return row;
  }

  async download(actor: AuthUser, id: string): Promise<ExportDownload> {
    const row = await this.findVisible(actor, id);
    if (isExpired(row)) {
      throw new DomainException(
        410,
        'EXPORT_EXPIRED',
        `This export expired; exports are kept for ${this.expiryHours} hours. Request a new one.`,
      );
    }
    if (row.status !== 'ready' || !row.storageKey) {
      throw new ConflictProblem('EXPORT_NOT_READY', `The export is ${row.status}; try again later`);
    }
    const stream = await this.storage.getStream(row.storageKey);
    if (!stream) {
      throw new DomainException(410, 'EXPORT_EXPIRED', 'The export file is no longer available');
    }
    await this.recordDownload(actor, row).catch((error: unknown) => {
      stream.destroy();
      throw error;
    });
    return {
      stream,
      sizeBytes: row.sizeBytes,
      contentType: row.format === 'csv' ? 'application/zip' : 'application/json',
      fileName: `panelist-export-${row.id}.${row.format === 'csv' ? 'zip' : 'json'}`,
    };
  }

  private async recordDownload(actor: AuthUser, row: GdprExport): Promise<void> {
    const id = row.id;
    await this.transactions.run(async (manager) => {
      await this.exports.countDownload(manager, id);
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'gdpr.export_downloaded',
        targetType: 'gdpr_export',
        targetId: id,
        metadata: { subject_candidate_id: row.subjectCandidateId, format: row.format },
      });
    });
  }

  // Idempotent: a retried job rebuilds the file under the same key and marks the row once.
  async build(exportId: string, job?: Job<GdprExportJob>): Promise<void> {
    const row = await this.exports.findById(exportId);
    if (!row || row.status === 'ready' || row.status === 'expired') {
      return;
    }
    await this.exports.update(row.id, { status: 'processing', attempts: row.attempts + 1 });
    try {
      const data = await this.render(row);
      const key = exportStorageKey(row.id);
      await this.storage.put(key, data);
      const now = new Date();
      const expiresAt = new Date(now.getTime() + this.expiryHours * 3600_000);
      const stored = await this.transactions.run(async (manager) => {
        const updated = await this.exports.update(
          row.id,
          {
            status: 'ready',
            storageKey: key,
            sizeBytes: data.length,
            completedAt: now,
            expiresAt,
            errorCode: null,
          },
          manager,
        );
        if (!updated) {
          return false;
        }
        await this.mail.exportReady(manager, row, expiresAt);
        // The file goes when the link dies; the daily expired_exports retention is the backstop.
        await this.queue.enqueue<GdprExportJob>(
          GDPR_EXPORT_EXPIRY_QUEUE,
          { export_id: row.id },
          { manager, startAfter: expiresAt },
        );
        await this.audit.record(manager, {
          actorId: row.requestedBy,
          action: 'gdpr.export_completed',
          targetType: 'gdpr_export',
          targetId: row.id,
          metadata: {
            subject_candidate_id: row.subjectCandidateId,
            subject_user_id: row.subjectUserId,
            size_bytes: data.length,
          },
        });
        return true;
      });
      if (!stored) {
        // The person was erased while the file was being built: it must not outlive the row.
        await this.storage.delete(key);
      }
    } catch (error) {
      // Only a code is stored: a message could quote personal data.
      const final = (job?.retryCount ?? EXPORT_RETRIES) >= EXPORT_RETRIES;
      this.logger.warn(`Export ${row.id} failed: ${(error as Error).name}`);
      await this.exports.update(row.id, {
        status: final ? 'failed' : 'pending',
        errorCode: 'EXPORT_BUILD_FAILED',
      });
      throw error;
    }
  }

  async expire(exportId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const row = await this.exports.lock(manager, exportId);
      if (!row || row.status !== 'ready' || !isExpired(row)) {
        return;
      }
      await this.storage.delete(exportStorageKey(row.id));
      await this.exports.update(row.id, { status: 'expired', storageKey: null }, manager);
    });
  }

  // One consistent snapshot across every handler's tables.
  private render(row: GdprExport): Promise<Buffer> {
    return this.transactions.run('REPEATABLE READ', async (manager) => {
      const parts: PersonalDataExport[] = [];
      const related: string[] = [];
      for (const handler of this.registry.handlers()) {
        const part = await handler.export(
          {
            userId: row.subjectUserId,
            candidateId: row.subjectCandidateId,
            relatedIds: related,
          },
          manager,
        );
        parts.push(part);
        related.push(...exportedIds(part.records));
      }
      const document = {
        exportId: row.id,
        generatedAt: new Date(),
        subject: { user_id: row.subjectUserId, candidate_id: row.subjectCandidateId },
        ...mergeExports(parts),
      };
      return row.format === 'csv' ? buildZipExport(document) : buildJsonExport(document);
    });
  }
}
