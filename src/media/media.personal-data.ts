import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import { InterviewLookupService } from '../interviews/interview-lookup.service';
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
import { MediaAnalysesRepository } from './analysis/media-analyses.repository';
import { expectedContainer, FILE_EXTENSIONS } from './audio/media-container';
import type { MediaFile } from './entities/media-file.entity';
import { MediaFilePurge, MediaFilesRepository } from './files/media-files.repository';
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
    recordings: (context: RetentionContext) => this.purgeFiles(context, 'uploaded_before'),
    // Reserved upload URLs that were never used (or whose upload broke off).
    unattached_uploads: (context: RetentionContext) =>
      this.purgeFiles(context, 'unused_upload_expired_before'),
  };

  constructor(
    private readonly transactions: Transactions,
    private readonly files: MediaFilesRepository,
    private readonly analyses: MediaAnalysesRepository,
    private readonly transcripts: TranscriptStore,
    private readonly interviews: InterviewLookupService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async export(
    subject: PersonalDataSubject,
    manager: EntityManager = this.transactions.manager,
  ): Promise<PersonalDataExport> {
    const files = subject.userId ? await this.files.listOwnedBy(manager, subject.userId) : [];
    const fileIds = files.map((f) => f.id);
    const answerIds = await this.answerIdsOf(subject, manager);
    const transcripts = await this.transcripts.listFor(manager, {
      mediaFileIds: fileIds,
      answerIds,
    });
    const analyses = await this.analyses.listForFiles(manager, fileIds);
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
          ...TranscriptStore.parse(t.content),
          created_at: t.createdAt,
        })),
        media_analyses: analyses.map((a) => ({
          id: a.id,
          media_file_id: a.mediaFileId,
          status: a.status,
          transcript: a.transcript ? TranscriptStore.parse(a.transcript) : null,
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
    const answerTranscripts = await this.transcripts.deleteForAnswers(manager, answerIds);
    if (!subject.userId) {
      return { media_transcripts: answerTranscripts };
    }
    const files = await this.files.listOwnedBy(manager, subject.userId);
    for (const file of files) {
      await this.removeObjects(file.id, file.fileKey);
    }
    // Transcripts and analyses of these files go with them (ON DELETE CASCADE).
    await this.files.deleteOwnedBy(manager, subject.userId);
    const unlinked = await this.analyses.unlinkRequester(manager, subject.userId);
    return {
      media_files: files.length,
      media_transcripts: answerTranscripts,
      media_analyses_unlinked: unlinked,
    };
  }

  // The stored file, and with presigned uploads a body still waiting in the intake area.
  private async removeObjects(id: string, fileKey: string): Promise<void> {
    await this.storage.delete(fileKey);
    await this.storage.intake?.remove(MediaIntakeJob.intakeKey(id));
  }

  // Files first, then their rows, in short batches that skip rows someone else holds.
  private async purgeFiles(context: RetentionContext, purge: MediaFilePurge): Promise<number> {
    if (context.dryRun) {
      return this.files.countDue(purge, context.cutoff);
    }
    let total = 0;
    for (;;) {
      const batch = await this.transactions.run(async (manager) => {
        const rows = await this.files.lockDue(manager, purge, context.cutoff, context.batchSize);
        for (const row of rows) {
          await this.removeObjects(row.id, row.file_key);
        }
        await this.files.deleteByIds(
          manager,
          rows.map((r) => r.id),
        );
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
    return this.interviews.answerIdsOfCandidate(subject.candidateId, manager);
  }

  private pathOf(file: MediaFile): string {
    const container = expectedContainer(file.kind, file.contentType);
    return `media/${file.fileKey}.${container ? FILE_EXTENSIONS[container][file.kind] : 'bin'}`;
  }
}
