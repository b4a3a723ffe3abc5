import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import {
  ConflictProblem,
  DomainException,
  ServiceUnavailableProblem,
} from '../../common/errors/domain.exception';
import type { UploadedFile } from '../../common/http/body-reader';
import { Transactions } from '../../database/transactions';
import { AnswerTranscriptService } from '../../interviews/session/answer-transcript.service';
import type { AudioAnswerRef } from '../../interviews/session/answer-transcript.service';
import { inspectAudio } from '../audio/media-container';
import type { InspectedAudio } from '../audio/media-container';
import type { TranscribeDto } from '../dto/transcribe.dto';
import type { TranscriptSource } from '../entities/media-transcript.entity';
import { MEDIA_SETTINGS } from '../media-settings';
import type { MediaSettings } from '../media-settings';
import { TRANSCRIBER, TranscriptionError } from './transcriber';
import type { Transcriber, Transcript } from './transcriber';
import { TranscriptStore } from './transcript-store.service';

export const UNSUPPORTED_AUDIO = 'Audio must be WAV, MP3, M4A, FLAC, WebM or Ogg';

// Maps a provider failure to the HTTP problem a synchronous caller gets.
export function transcriptionProblem(error: TranscriptionError): DomainException {
  switch (error.reason) {
    case 'not_configured':
      return new ServiceUnavailableProblem(
        'TRANSCRIPTION_NOT_CONFIGURED',
        'No transcription provider is configured (set GEMINI_API_KEY). A transcript made on the client may be posted as the answer text instead.',
      );
    case 'timeout':
    case 'rate_limited':
    case 'unavailable':
      return new ServiceUnavailableProblem(
        'TRANSCRIPTION_UNAVAILABLE',
        `The transcription provider is unavailable (${error.reason}); try again later`,
      );
    case 'rejected':
    case 'invalid_output':
      return new DomainException(
        502,
        'TRANSCRIPTION_FAILED',
        `The transcription provider could not transcribe this audio (${error.reason})`,
      );
  }
}

// Synchronous transcription for POST /api/transcribe, and the shared hand-over of a transcript
// to an interview answer (used by the answer-transcription job too).
@Injectable()
export class TranscriptionService {
  constructor(
    private readonly transactions: Transactions,
    private readonly answers: AnswerTranscriptService,
    private readonly store: TranscriptStore,
    private readonly audit: AuditService,
    @Inject(TRANSCRIBER) private readonly transcriber: Transcriber,
    @Inject(MEDIA_SETTINGS) private readonly settings: MediaSettings,
  ) {}

  get configured(): boolean {
    return this.transcriber.configured;
  }

  assertConfigured(): void {
    if (!this.transcriber.configured) {
      throw transcriptionProblem(new TranscriptionError('not_configured', 'no provider'));
    }
  }

  // Format from the bytes (415), duration from the container (413 when over the limit).
  inspect(data: Buffer, maxSeconds: number): InspectedAudio {
    const audio = inspectAudio(data);
    if (!audio) {
      throw new DomainException(415, 'UNSUPPORTED_AUDIO', UNSUPPORTED_AUDIO);
    }
    if (audio.durationSeconds !== null && audio.durationSeconds > maxSeconds) {
      throw new DomainException(
        413,
        'AUDIO_TOO_LONG',
        `The audio lasts ${Math.round(audio.durationSeconds)} s; at most ${maxSeconds} s can be transcribed`,
      );
    }
    return audio;
  }

  async transcribeUpload(
    user: AuthUser,
    file: UploadedFile,
    dto: TranscribeDto,
  ): Promise<Transcript> {
    this.assertConfigured();
    const audio = this.inspect(file.data, this.settings.transcribeMaxSeconds);
    if (dto.answer_id) {
      // Checked before the vendor is paid; checked again under lock when the text is attached.
      const answer = await this.answers.findOwnAnswer(user, dto.answer_id);
      if (answer.scoringStatus !== 'awaiting_transcript') {
        throw this.notAwaiting();
      }
    }
    const transcript = await this.transcribe(file.data, audio, dto.language);
    if (dto.answer_id) {
      const status = await this.attachToAnswer(dto.answer_id, transcript, 'gemini', user);
      if (status === null) {
        throw this.notAwaiting();
      }
    }
    return transcript;
  }

  async transcribe(data: Buffer, audio: InspectedAudio, language?: string): Promise<Transcript> {
    try {
      return await this.transcriber.transcribe(data, audio.mime, {
        language,
        durationSeconds: audio.durationSeconds,
      });
    } catch (error) {
      throw error instanceof TranscriptionError ? transcriptionProblem(error) : error;
    }
  }

  // One transaction: the answer text (and its move to scoring), the timed transcript, the audit
  // entry. null when the answer was no longer waiting for a transcript.
  async attachToAnswer(
    answerId: string,
    transcript: Transcript,
    source: TranscriptSource,
    actor: AuthUser | null,
  ): Promise<AudioAnswerRef['scoringStatus'] | null> {
    return this.transactions.run(async (manager) => {
      const status = await this.answers.attachTranscript(manager, answerId, transcript.text);
      if (status === null) {
        return null;
      }
      await this.store.save(manager, { answerId }, transcript, source);
      await this.audit.record(manager, {
        actorId: actor?.id ?? null,
        actorRole: actor?.role ?? 'system',
        action: 'interview.answer_transcribed',
        targetType: 'interview_answer',
        targetId: answerId,
        metadata: {
          source,
          scoring_status: status,
          duration_seconds: transcript.duration_seconds,
          segments: transcript.segments.length,
        },
      });
      return status;
    });
  }

  private notAwaiting(): ConflictProblem {
    return new ConflictProblem(
      'ANSWER_NOT_AWAITING_TRANSCRIPT',
      'This answer is not an audio answer waiting for its transcript',
    );
  }
}
