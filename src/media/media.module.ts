import { ConsentModule } from '../consent/consent.module';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AiSettings, AppConfig, AppSettings, AuthSettings } from '../config/app-config';
import { UploadQuotaModule } from '../throttling/upload-quota.module';
import { InterviewsModule } from '../interviews/interviews.module';
import { MediaAnalysesRepository } from './analysis/media-analyses.repository';
import { MediaAnalysisService } from './analysis/media-analysis.service';
import { MediaAnalysis } from './entities/media-analysis.entity';
import { MediaFile } from './entities/media-file.entity';
import { MediaTranscript } from './entities/media-transcript.entity';
import { MediaFilesRepository } from './files/media-files.repository';
import { MediaFilesService } from './files/media-files.service';
import { MediaIntakeJob } from './files/media-intake.job';
import { RawUploadParser } from './files/raw-upload-parser';
import { MediaController } from './media.controller';
import { MediaPersonalData } from './media.personal-data';
import { buildMediaSettings, MEDIA_SETTINGS } from './media-settings';
import type { MediaSettings } from './media-settings';
import { AnswerTranscriptionJob } from './transcription/answer-transcription.job';
import { GeminiTranscriber } from './transcription/gemini-transcriber';
import { TRANSCRIBER, UnconfiguredTranscriber } from './transcription/transcriber';
import type { Transcriber } from './transcription/transcriber';
import { TranscriptStore } from './transcription/transcript-store.service';
import { TranscriptionController } from './transcription/transcription.controller';
import { TranscriptionService } from './transcription/transcription.service';

export function createTranscriber(settings: MediaSettings): Transcriber {
  const t = settings.transcription;
  if (t.provider !== 'gemini' || !t.apiKey) {
    return new UnconfiguredTranscriber();
  }
  return new GeminiTranscriber({
    apiKey: t.apiKey,
    model: t.model,
    baseUrl: t.baseUrl ?? undefined,
    timeoutMs: t.timeoutMs,
    maxRetries: t.maxRetries,
  });
}

// Transcription and self-recorded media: POST /api/transcribe, the answer-transcription job,
// signed upload/download URLs and speech analysis. README.md in this folder has the flows.
@Module({
  imports: [
    TypeOrmModule.forFeature([MediaFile, MediaTranscript, MediaAnalysis]),
    ConsentModule,
    InterviewsModule,
    UploadQuotaModule,
  ],
  controllers: [TranscriptionController, MediaController],
  providers: [
    {
      provide: MEDIA_SETTINGS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>): MediaSettings =>
        buildMediaSettings(
          config.get<AppConfig['environment']>('environment'),
          config.get<AppSettings>('app'),
          config.get<AuthSettings>('auth'),
          config.get<AiSettings>('ai'),
        ),
    },
    { provide: TRANSCRIBER, inject: [MEDIA_SETTINGS], useFactory: createTranscriber },
    MediaFilesRepository,
    MediaAnalysesRepository,
    TranscriptStore,
    TranscriptionService,
    AnswerTranscriptionJob,
    MediaFilesService,
    MediaIntakeJob,
    MediaAnalysisService,
    RawUploadParser,
    MediaPersonalData,
  ],
})
export class MediaModule {}
