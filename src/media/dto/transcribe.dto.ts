import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { LANGUAGE_TAG } from '../transcription/transcript-validator';

// The text fields of the multipart form; the audio travels in the `file` part.
export class TranscribeDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Your own audio answer waiting for its transcript: the transcript becomes its answer text and it moves on to scoring',
  })
  @IsOptional()
  @IsUUID()
  answer_id?: string;

  @ApiPropertyOptional({ example: 'en', description: 'BCP 47 hint for the spoken language' })
  @IsOptional()
  @Matches(LANGUAGE_TAG, { message: 'language must be a BCP 47 tag such as en or pt-BR' })
  language?: string;
}

export class TranscribeForm extends TranscribeDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'WAV, MP3, M4A, FLAC, WebM or Ogg, recognised from the bytes',
  })
  file: unknown;
}

export class TranscriptSegmentResponse {
  @ApiProperty({ example: 0.0, description: 'Seconds from the start' }) start: number;
  @ApiProperty({ example: 4.2 }) end: number;
  @ApiProperty({ example: 'I would start with the slow query log.' }) text: string;
}

export class TranscriptWordResponse {
  @ApiProperty() word: string;
  @ApiProperty() start: number;
  @ApiProperty() end: number;
}

export class TranscriptResponse {
  @ApiProperty() text: string;
  @ApiProperty({ example: 'en', description: 'BCP 47 tag; "und" when undetermined' })
  language: string;
  @ApiProperty({
    example: 42.5,
    description: 'From the container when it records one, else from the provider',
  })
  duration_seconds: number;
  @ApiProperty({ type: [TranscriptSegmentResponse] }) segments: TranscriptSegmentResponse[];
  @ApiPropertyOptional({ type: [TranscriptWordResponse] }) words?: TranscriptWordResponse[];
}
