import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Job } from 'pg-boss';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import {
  BadRequestProblem,
  ConflictProblem,
  DomainException,
  NotFoundProblem,
} from '../../common/errors/domain.exception';
import { Transactions } from '../../database/transactions';
import { QueueJob } from '../../queue/queue-job.decorator';
import { QueueService } from '../../queue/queue.service';
import { FILE_STORAGE } from '../../storage/file-storage';
import type { FileStorage } from '../../storage/file-storage';
import type {
  AnalysisAccepted,
  AnalysisResponse,
  AnalyzeMediaDto,
} from '../dto/media-analysis.dto';
import type { MediaAnalysis } from '../entities/media-analysis.entity';
import type { MediaFile } from '../entities/media-file.entity';
import { MediaFilesRepository } from '../files/media-files.repository';
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
import { MediaAnalysesRepository } from './media-analyses.repository';
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
export class MediaAnalysisService {
  private readonly logger = new Logger(MediaAnalysisService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly analyses: MediaAnalysesRepository,
    private readonly fileRows: MediaFilesRepository,
    private readonly files: MediaFilesService,
    private readonly store: TranscriptStore,
    private readonly transcription: TranscriptionService,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
    @Inject(TRANSCRIBER) private readonly transcriber: Transcriber,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(MEDIA_SETTINGS) private readonly settings: MediaSettings,
  ) {}

  @QueueJob(MEDIA_ANALYSE_QUEUE, {
    options: { retryLimit: RETRY_LIMIT, retryDelay: 5, retryBackoff: true },
  })
  onAnalyseJob(data: MediaAnalyseJob, job: Job<unknown>): Promise<void> {
    return this.run(data.analysis_id, job.retryCount);
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
    await this.transactions.run(async (manager) => {
      await this.analyses.insert(manager, {
        id,
        mediaFileId: file.id,
        requestedBy: user.id,
        status: 'queued',
        transcript: clientTranscript ? JSON.stringify(clientTranscript) : null,
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
    const analysis = await this.analyses.findById(id);
    const file = analysis ? await this.fileRows.findById(analysis.mediaFileId) : null;
    if (!analysis || !file || !this.files.canView(user, file)) {
      throw new NotFoundProblem('Analysis');
    }
    const transcript = analysis.transcript ? TranscriptStore.parse(analysis.transcript) : null;
    return presentAnalysis(analysis, file.fileKey, transcript);
  }

  async run(analysisId: string, retryCount: number): Promise<void> {
    const analysis = await this.analyses.findById(analysisId);
    if (!analysis || analysis.status === 'completed' || analysis.status === 'failed') {
      return;
    }
    await this.analyses.update(analysisId, { status: 'processing' });
    try {
      const transcript = await this.transcriptFor(analysis);
      const metrics = computeSpeechMetrics(transcript.segments, transcript.words);
      await this.analyses.update(analysisId, {
        status: 'completed',
        transcript: JSON.stringify(transcript),
        metrics,
        advice: speechAdvice(metrics),
        error: null,
        completedAt: new Date(),
      });
    } catch (error) {
      if (error instanceof TranscriptionError && error.transient && retryCount < RETRY_LIMIT) {
        throw error;
      }
      const reason = this.reasonFor(error) ?? (retryCount < RETRY_LIMIT ? null : 'internal error');
      if (reason === null) {
        throw error;
      }
      this.logger.warn(`Analysis ${analysisId} failed: ${reason}`);
      await this.analyses.update(analysisId, {
        status: 'failed',
        error: reason,
        completedAt: new Date(),
      });
    }
  }

  // The client's transcript, else the file's stored one, else the provider's (then stored).
  private async transcriptFor(analysis: MediaAnalysis): Promise<Transcript> {
    if (analysis.transcript) {
      return TranscriptStore.parse(analysis.transcript);
    }
    const stored = await this.store.findForMediaFile(analysis.mediaFileId);
    if (stored) {
      return stored;
    }
    if (!this.transcriber.configured) {
      throw new AnalysisFailure(NO_TRANSCRIPTION_PROVIDER);
    }
    const file = await this.fileRows.findByIdOrFail(analysis.mediaFileId);
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
    await this.transactions.run((manager) =>
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
