import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import {
  BadRequestProblem,
  ConflictProblem,
  DomainException,
  NotFoundProblem,
} from '../../common/errors/domain.exception';
import { CryptoService } from '../../crypto/crypto.service';
import { QueueService } from '../../queue/queue.service';
import { FILE_STORAGE } from '../../storage/file-storage';
import type { FileStorage } from '../../storage/file-storage';
import type {
  AnalysisAccepted,
  AnalysisResponse,
  AnalyzeMediaDto,
} from '../dto/media-analysis.dto';
import { MediaAnalysis } from '../entities/media-analysis.entity';
import { MediaFile } from '../entities/media-file.entity';
import { MediaFilesService } from '../files/media-files.service';
import { presentAnalysis } from '../media.presenter';
import { GEMINI_INLINE_MAX_BYTES, MEDIA_SETTINGS } from '../media-settings';
import type { MediaSettings } from '../media-settings';
import {
  NO_TRANSCRIPTION_PROVIDER,
  TRANSCRIBER,
  TranscriptionError,
} from '../transcription/transcriber';
import type { Transcriber, Transcript } from '../transcription/transcriber';
import { TranscriptStore } from '../transcription/transcript-store.service';
import { TranscriptionService } from '../transcription/transcription.service';
import { validateSegments } from '../transcription/transcript-validator';
import { speechAdvice } from './speech-advice';
import { computeSpeechMetrics } from './speech-metrics';

export const MEDIA_ANALYSE_QUEUE = 'media-analyse';
const RETRY_LIMIT = 3;

interface MediaAnalyseJob {
  analysis_id: string;
}

// Failure the job records on the analysis instead of retrying.
class AnalysisFailure extends Error {}

// POST /api/media/analyze queues an analysis; the 'media-analyse' job transcribes (unless a
// transcript is already there), computes the speech metrics and the advice, and records the
// outcome on the row — 'failed' with a content-free reason when it cannot.
@Injectable()
export class MediaAnalysisService implements OnModuleInit {
  private readonly logger = new Logger(MediaAnalysisService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly files: MediaFilesService,
    private readonly store: TranscriptStore,
    private readonly transcription: TranscriptionService,
    private readonly crypto: CryptoService,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
    @Inject(TRANSCRIBER) private readonly transcriber: Transcriber,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(MEDIA_SETTINGS) private readonly settings: MediaSettings,
  ) {}

  static aad(id: string): string {
    return CryptoService.fieldAad('media_analyses', 'transcript', id);
  }

  onModuleInit(): void {
    this.queue.register<MediaAnalyseJob>({
      name: MEDIA_ANALYSE_QUEUE,
      handler: (data, job) => this.run(data.analysis_id, job.retryCount),
      options: { retryLimit: RETRY_LIMIT, retryDelay: 5, retryBackoff: true },
    });
  }

  async request(user: AuthUser, dto: AnalyzeMediaDto): Promise<AnalysisAccepted> {
    const file = await this.files.findVisible(user, dto.file_key);
    if (file.status !== 'uploaded') {
      await this.files.nudgeIntake(file);
      throw new ConflictProblem('MEDIA_NOT_UPLOADED', 'The file has not been uploaded yet');
    }
    const id = randomUUID();
    const clientTranscript = dto.transcript
      ? this.clientTranscript(dto.transcript.segments, dto.transcript.language, file)
      : null;
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(MediaAnalysis, {
        id,
        mediaFileId: file.id,
        requestedBy: user.id,
        status: 'queued',
        transcriptEncrypted: clientTranscript
          ? this.crypto.encrypt(JSON.stringify(clientTranscript), MediaAnalysisService.aad(id))
          : null,
        advice: [],
      });
      await this.queue.enqueue(MEDIA_ANALYSE_QUEUE, { analysis_id: id }, { manager });
      await this.audit.record(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'media.analysis_requested',
        targetType: 'media_file',
        targetId: file.id,
        metadata: { analysis_id: id, client_text: clientTranscript !== null },
      });
    });
    return { analysis_id: id, status: 'queued' };
  }

  async get(user: AuthUser, id: string): Promise<AnalysisResponse> {
    const analysis = await this.dataSource.manager.findOneBy(MediaAnalysis, { id });
    const file = analysis
      ? await this.dataSource.manager.findOneBy(MediaFile, { id: analysis.mediaFileId })
      : null;
    if (!analysis || !file || !this.files.canView(user, file)) {
      throw new NotFoundProblem('Analysis');
    }
    const transcript = analysis.transcriptEncrypted
      ? (JSON.parse(
          this.crypto.decrypt(analysis.transcriptEncrypted, MediaAnalysisService.aad(analysis.id)),
        ) as Transcript)
      : null;
    return presentAnalysis(analysis, file.fileKey, transcript);
  }

  async run(analysisId: string, retryCount: number): Promise<void> {
    const analysis = await this.dataSource.manager.findOneBy(MediaAnalysis, { id: analysisId });
    if (!analysis || analysis.status === 'completed' || analysis.status === 'failed') {
      return;
    }
    await this.dataSource.manager.update(
      MediaAnalysis,
      { id: analysisId },
      { status: 'processing' },
    );
    try {
      const transcript = await this.transcriptFor(analysis);
      const metrics = computeSpeechMetrics(transcript.segments, transcript.words);
      await this.dataSource.manager.update(
        MediaAnalysis,
        { id: analysisId },
        {
          status: 'completed',
          transcriptEncrypted: this.crypto.encrypt(
            JSON.stringify(transcript),
            MediaAnalysisService.aad(analysisId),
          ),
          metrics,
          advice: speechAdvice(metrics),
          error: null,
          completedAt: new Date(),
        },
      );
    } catch (error) {
      if (error instanceof TranscriptionError && error.transient && retryCount < RETRY_LIMIT) {
        throw error;
      }
      const reason = this.reasonFor(error) ?? (retryCount < RETRY_LIMIT ? null : 'internal error');
      if (reason === null) {
        throw error;
      }
      this.logger.warn(`Analysis ${analysisId} failed: ${reason}`);
      await this.dataSource.manager.update(
        MediaAnalysis,
        { id: analysisId },
        { status: 'failed', error: reason, completedAt: new Date() },
      );
    }
  }

  // The client's transcript, else the file's stored one, else the provider's (then stored).
  private async transcriptFor(analysis: MediaAnalysis): Promise<Transcript> {
    if (analysis.transcriptEncrypted) {
      return JSON.parse(
        this.crypto.decrypt(analysis.transcriptEncrypted, MediaAnalysisService.aad(analysis.id)),
      ) as Transcript;
    }
    const stored = await this.store.findForMediaFile(analysis.mediaFileId);
    if (stored) {
      return stored;
    }
    if (!this.transcriber.configured) {
      throw new AnalysisFailure(NO_TRANSCRIPTION_PROVIDER);
    }
    const file = await this.dataSource.manager.findOneByOrFail(MediaFile, {
      id: analysis.mediaFileId,
    });
    if ((file.sizeBytes ?? 0) > GEMINI_INLINE_MAX_BYTES) {
      throw new AnalysisFailure('file too large to transcribe (inline limit)');
    }
    const bytes = await this.storage.get(file.fileKey);
    if (!bytes) {
      throw new AnalysisFailure('stored file is missing');
    }
    const audio = this.transcription.inspect(bytes, this.settings.analysisMaxSeconds);
    // A video keeps its own type: the provider takes the whole container.
    const mime = file.kind === 'video' ? file.contentType : audio.mime;
    const transcript = await this.transcriber.transcribe(bytes, mime, {
      durationSeconds: audio.durationSeconds,
    });
    await this.dataSource.transaction((manager) =>
      this.store.save(manager, { mediaFileId: file.id }, transcript, 'gemini'),
    );
    return transcript;
  }

  private clientTranscript(segments: unknown, language: string | undefined, file: MediaFile) {
    try {
      const valid = validateSegments(segments, 'transcript.segments', file.durationSeconds);
      const lastEnd = valid.reduce((max, s) => Math.max(max, s.end), 0);
      return {
        text: valid.map((s) => s.text).join(' '),
        language: language?.toLowerCase() ?? 'und',
        duration_seconds: file.durationSeconds ?? lastEnd,
        segments: valid,
      } satisfies Transcript;
    } catch (error) {
      if (error instanceof TranscriptionError) {
        throw new BadRequestProblem(
          'INVALID_TRANSCRIPT',
          error.message.replace('invalid transcript: ', ''),
          [{ field: 'transcript.segments', message: error.message }],
        );
      }
      throw error;
    }
  }

  private reasonFor(error: unknown): string | null {
    if (error instanceof AnalysisFailure) {
      return error.message;
    }
    if (error instanceof TranscriptionError) {
      return error.reason === 'not_configured'
        ? NO_TRANSCRIPTION_PROVIDER
        : `transcription failed (${error.reason})`;
    }
    if (error instanceof DomainException) {
      return error.detail.slice(0, 200);
    }
    return null;
  }
}
