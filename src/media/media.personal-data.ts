import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
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
import { MediaIntakeJob } from './files/media-intake.job';
import type { FileStorage } from '../storage/file-storage';
import { MediaAnalysisService } from './analysis/media-analysis.service';
import { expectedContainer, FILE_EXTENSIONS } from './audio/media-container';
import { MediaAnalysis } from './entities/media-analysis.entity';
import { MediaFile } from './entities/media-file.entity';
import { MediaTranscript } from './entities/media-transcript.entity';
import type { Transcript } from './transcription/transcriber';
import { TranscriptStore } from './transcription/transcript-store.service';

// Self-recorded files (owned by a user), their transcripts and analyses, and the timed
// transcripts of a candidate's audio answers. Erasure deletes all of it, files first.
@Injectable()
@PersonalDataProvider()
export class MediaPersonalData implements PersonalDataHandler {
  readonly name = 'media';
  readonly tables = {
    media_files: 'rows',
    media_transcripts: 'rows',
    media_analyses: 'rows',
  } as const;
  readonly retention = {
    recordings: (context: RetentionContext) =>
      this.purgeFiles(context, `status = 'uploaded' AND uploaded_at < $1`),
    // Reserved upload URLs that were never used (or whose upload broke off).
    unattached_uploads: (context: RetentionContext) =>
      this.purgeFiles(context, `status <> 'uploaded' AND upload_expires_at < $1`),
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async export(
    subject: PersonalDataSubject,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonalDataExport> {
    const files = subject.userId
      ? await manager.find(MediaFile, {
          where: { ownerId: subject.userId },
          order: { createdAt: 'ASC' },
        })
      : [];
    const fileIds = files.map((f) => f.id);
    const answerIds = await this.answerIdsOf(subject, manager);
    const owners = [
      ...(fileIds.length ? [{ mediaFileId: In(fileIds) }] : []),
      ...(answerIds.length ? [{ answerId: In(answerIds) }] : []),
    ];
    // An empty where-list would match every row.
    const transcripts = owners.length
      ? await manager.find(MediaTranscript, { where: owners, order: { createdAt: 'ASC' } })
      : [];
    const analyses = fileIds.length
      ? await manager.find(MediaAnalysis, {
          where: { mediaFileId: In(fileIds) },
          order: { createdAt: 'ASC' },
        })
      : [];
    const exported: PersonalDataFile[] = [];
    for (const file of files.filter((f) => f.status === 'uploaded')) {
      const data = await this.storage.get(file.fileKey);
      if (data) {
        exported.push({ path: this.pathOf(file), contentType: file.contentType, data });
      }
    }
    return {
      records: {
        media_files: files.map((f) => ({
          id: f.id,
          file_key: f.fileKey,
          kind: f.kind,
          content_type: f.contentType,
          size_bytes: f.sizeBytes,
          duration_seconds: f.durationSeconds,
          status: f.status,
          interview_id: f.interviewId,
          answer_id: f.answerId,
          file: f.status === 'uploaded' ? this.pathOf(f) : null,
          created_at: f.createdAt,
          uploaded_at: f.uploadedAt,
        })),
        media_transcripts: transcripts.map((t) => ({
          id: t.id,
          answer_id: t.answerId,
          media_file_id: t.mediaFileId,
          source: t.source,
          ...this.open(t.contentEncrypted, TranscriptStore.aad(t.id)),
          created_at: t.createdAt,
        })),
        media_analyses: analyses.map((a) => ({
          id: a.id,
          media_file_id: a.mediaFileId,
          status: a.status,
          transcript: a.transcriptEncrypted
            ? this.open(a.transcriptEncrypted, MediaAnalysisService.aad(a.id))
            : null,
          metrics: a.metrics,
          advice: a.advice,
          error: a.error,
          created_at: a.createdAt,
          completed_at: a.completedAt,
        })),
      },
      files: exported,
    };
  }

  async erase(subject: PersonalDataSubject, manager: EntityManager): Promise<ErasureCounts> {
    const answerIds = await this.answerIdsOf(subject, manager);
    const answerTranscripts = answerIds.length
      ? ((await manager.delete(MediaTranscript, { answerId: In(answerIds) })).affected ?? 0)
      : 0;
    if (!subject.userId) {
      return { media_transcripts: answerTranscripts };
    }
    const files = await manager.find(MediaFile, { where: { ownerId: subject.userId } });
    for (const file of files) {
      await this.removeObjects(file.id, file.fileKey);
    }
    // Transcripts and analyses of these files go with them (ON DELETE CASCADE).
    await manager.delete(MediaFile, { ownerId: subject.userId });
    const requested = await manager.update(
      MediaAnalysis,
      { requestedBy: subject.userId },
      { requestedBy: null },
    );
    return {
      media_files: files.length,
      media_transcripts: answerTranscripts,
      media_analyses_unlinked: requested.affected ?? 0,
    };
  }

  // The stored file, and with presigned uploads a body still waiting in the intake area.
  private async removeObjects(id: string, fileKey: string): Promise<void> {
    await this.storage.delete(fileKey);
    await this.storage.intake?.remove(MediaIntakeJob.intakeKey(id));
  }

  // Files first, then their rows, in short batches that skip rows someone else holds.
  private async purgeFiles(context: RetentionContext, due: string): Promise<number> {
    if (context.dryRun) {
      const [row] = await this.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM media_files WHERE ${due}`,
        [context.cutoff],
      );
      return row.n;
    }
    let total = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const rows = await manager.query<{ id: string; file_key: string }[]>(
          `SELECT id, file_key FROM media_files WHERE ${due}
            ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [context.cutoff, context.batchSize],
        );
        for (const row of rows) {
          await this.removeObjects(row.id, row.file_key);
        }
        await manager.query('DELETE FROM media_files WHERE id = ANY($1::uuid[])', [
          rows.map((r) => r.id),
        ]);
        return rows.length;
      });
      total += batch;
      if (batch < context.batchSize) {
        return total;
      }
    }
  }

  private async answerIdsOf(
    subject: PersonalDataSubject,
    manager: EntityManager,
  ): Promise<string[]> {
    if (!subject.candidateId) {
      return [];
    }
    const rows = await manager.query<{ id: string }[]>(
      'SELECT id FROM interview_answers WHERE candidate_id = $1',
      [subject.candidateId],
    );
    return rows.map((r) => r.id);
  }

  private open(value: string, aad: string): Transcript {
    return JSON.parse(this.crypto.decrypt(value, aad)) as Transcript;
  }

  private pathOf(file: MediaFile): string {
    const container = expectedContainer(file.kind, file.contentType);
    return `media/${file.fileKey}.${container ? FILE_EXTENSIONS[container][file.kind] : 'bin'}`;
  }
}
