import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'pg-boss';
import { AuditService } from '../../audit/audit.service';
import { DomainException } from '../../common/errors/domain.exception';
import { ConsentService } from '../../consent/consent.service';
import { Transactions } from '../../database/transactions';
import { AnswerTranscriptService } from '../../interviews/session/answer-transcript.service';
import { ANSWER_TRANSCRIBE_QUEUE } from '../../interviews/interviews.queues';
import type { AnswerTranscribeJob } from '../../interviews/interviews.queues';
import { QueueJob } from '../../queue/queue-job.decorator';
import { FILE_STORAGE } from '../../storage/file-storage';
import type { FileStorage } from '../../storage/file-storage';
import { MEDIA_SETTINGS } from '../media-settings';
import type { MediaSettings } from '../media-settings';
import { TRANSCRIBER, TranscriptionError } from './transcriber';
import type { Transcriber } from './transcriber';
import { TranscriptionService } from './transcription.service';

const RETRY_LIMIT = 3;

// The 'answer-transcribe' job, queued by the interviews module for every audio answer. It does
// nothing without a configured provider (the answer stays 'awaiting_transcript' for POST
// /api/transcribe or a human), nor without ai_evaluation consent: sending a candidate's voice to
// an AI vendor is AI processing they have not agreed to. Idempotent: only an answer still
// awaiting its transcript is touched, and the hand-over re-checks that under lock.
@Injectable()
export class AnswerTranscriptionJob {
  private readonly logger = new Logger(AnswerTranscriptionJob.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly answers: AnswerTranscriptService,
    private readonly transcription: TranscriptionService,
    private readonly consent: ConsentService,
    private readonly audit: AuditService,
    @Inject(TRANSCRIBER) private readonly transcriber: Transcriber,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(MEDIA_SETTINGS) private readonly settings: MediaSettings,
  ) {}

  @QueueJob<AnswerTranscriptionJob>(ANSWER_TRANSCRIBE_QUEUE, (job) => ({
    options: {
      retryLimit: RETRY_LIMIT,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: Math.ceil((job.settings.transcription.timeoutMs * 3) / 1000) + 60,
    },
  }))
  onTranscribeJob(data: AnswerTranscribeJob, job: Job<unknown>): Promise<void> {
    return this.run(data.answer_id, job.retryCount);
  }

  async run(answerId: string, retryCount: number): Promise<void> {
    if (!this.transcriber.configured) {
      return;
    }
    const answer = await this.answers.findAnswer(answerId);
    if (answer?.scoringStatus !== 'awaiting_transcript' || !answer.audioStorageKey) {
      return;
    }
    if (!(await this.consent.has(answer.candidateId, 'ai_evaluation'))) {
      return;
    }
    const bytes = await this.storage.get(answer.audioStorageKey);
    if (!bytes) {
      return this.giveUp(answerId, 'audio_missing');
    }
    try {
      if (bytes.length > this.settings.transcribeMaxBytes) {
        return await this.giveUp(answerId, 'audio_too_large');
      }
      const audio = this.transcription.inspect(bytes, this.settings.transcribeMaxSeconds);
      const transcript = await this.transcriber.transcribe(bytes, audio.mime, {
        durationSeconds: audio.durationSeconds,
      });
      await this.transcription.attachToAnswer(answerId, transcript, 'gemini', null);
    } catch (error) {
      // Vendor hiccups are retried by the queue; anything that will fail again is recorded once.
      if (error instanceof TranscriptionError && error.transient && retryCount < RETRY_LIMIT) {
        throw error;
      }
      if (error instanceof TranscriptionError || error instanceof DomainException) {
        const reason =
          error instanceof TranscriptionError ? error.reason : error.code.toLowerCase();
        return this.giveUp(answerId, reason);
      }
      throw error;
    }
  }

  // The answer stays 'awaiting_transcript' (a domain expert can still review the audio); the
  // audit trail says why, without content.
  private async giveUp(answerId: string, reason: string): Promise<void> {
    this.logger.warn(`Answer ${answerId} was not transcribed: ${reason}`);
    await this.transactions.run((manager) =>
      this.audit.record(manager, {
        actorRole: 'system',
        action: 'interview.answer_transcription_failed',
        targetType: 'interview_answer',
        targetId: answerId,
        metadata: { reason },
      }),
    );
  }
}
