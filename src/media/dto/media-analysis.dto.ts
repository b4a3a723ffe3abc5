import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ANALYSIS_STATUSES } from '../entities/media-analysis.entity';
import type { AnalysisStatus } from '../entities/media-analysis.entity';
import { LANGUAGE_TAG, MAX_SEGMENTS } from '../transcription/transcript-validator';
import { TranscriptResponse } from './transcribe.dto';

export class ClientSegmentDto {
  @ApiProperty() @IsNumber() @Min(0) start: number;
  @ApiProperty() @IsNumber() @Min(0) end: number;
  @ApiProperty() @IsString() @MaxLength(4000) text: string;
}

export class ClientTranscriptDto {
  @ApiProperty({ type: [ClientSegmentDto] })
  @IsArray()
  @ArrayMaxSize(MAX_SEGMENTS)
  @ValidateNested({ each: true })
  @Type(() => ClientSegmentDto)
  segments: ClientSegmentDto[];

  @ApiPropertyOptional({ example: 'en' })
  @IsOptional()
  @Matches(LANGUAGE_TAG, { message: 'language must be a BCP 47 tag such as en or pt-BR' })
  language?: string;
}

export class AnalyzeMediaDto {
  @ApiProperty({ example: 'media-3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b' })
  @IsString()
  @Matches(/^media-[0-9a-f-]{36}$/, { message: 'file_key is not a media key' })
  file_key: string;

  @ApiPropertyOptional({
    type: ClientTranscriptDto,
    description:
      'A transcript made on the client (e.g. the browser’s speech recognition), analysed as given: no provider is called',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClientTranscriptDto)
  transcript?: ClientTranscriptDto;
}

export class AnalysisAccepted {
  @ApiProperty({ format: 'uuid' }) analysis_id: string;
  @ApiProperty({ enum: ANALYSIS_STATUSES }) status: AnalysisStatus;
}

export class PaceWindowResponse {
  @ApiProperty() start: number;
  @ApiProperty() end: number;
  @ApiProperty() words: number;
  @ApiProperty() wpm: number;
}

export class SpeechMetricsResponse {
  @ApiProperty() word_count: number;
  @ApiProperty() speaking_span_seconds: number;
  @ApiProperty() speech_seconds: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Words over the speaking span' })
  words_per_minute: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Words over time inside segments' })
  articulation_wpm: number | null;
  @ApiProperty({ type: [PaceWindowResponse] }) pace_windows: PaceWindowResponse[];
  @ApiProperty() window_seconds: number;
  @ApiProperty() window_step_seconds: number;
  @ApiProperty({ nullable: true, type: Number }) wpm_min: number | null;
  @ApiProperty({ nullable: true, type: Number }) wpm_max: number | null;
  @ApiProperty({
    example: { count: 4, per_100_words: 3.1, by_word: { um: 2, 'you know': 2 } },
  })
  fillers: { count: number; per_100_words: number | null; by_word: Record<string, number> };
  @ApiProperty({
    example: { threshold_seconds: 2, count: 1, longest_seconds: 3.4, total_seconds: 3.4 },
  })
  long_pauses: {
    threshold_seconds: number;
    count: number;
    longest_seconds: number;
    total_seconds: number;
  };
}

export class AdviceResponse {
  @ApiProperty({
    enum: [
      'too_short',
      'pace_too_fast',
      'pace_too_slow',
      'pace_uneven',
      'fillers_frequent',
      'pauses_long',
      'on_track',
    ],
  })
  code: string;
  @ApiProperty() message: string;
}

export class AnalysisResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() file_key: string;
  @ApiProperty({ enum: ANALYSIS_STATUSES }) status: AnalysisStatus;
  @ApiProperty({ type: TranscriptResponse, nullable: true }) transcript: TranscriptResponse | null;
  @ApiProperty({ type: SpeechMetricsResponse, nullable: true })
  metrics: SpeechMetricsResponse | null;
  @ApiProperty({ type: [AdviceResponse] }) advice: AdviceResponse[];
  @ApiPropertyOptional({ example: 'no transcription provider configured' }) error?: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completed_at: string | null;
}
