import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  Min,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { MEDIA_KINDS } from '../audio/media-container';
import type { MediaKind } from '../audio/media-container';
import { MEDIA_FILE_STATUSES } from '../entities/media-file.entity';
import type { MediaFileStatus } from '../entities/media-file.entity';

export class CreateUploadUrlDto {
  @ApiProperty({ enum: MEDIA_KINDS }) @IsIn(MEDIA_KINDS) kind: MediaKind;

  @ApiProperty({
    example: 'audio/webm',
    description:
      'audio: audio/wav, audio/mpeg, audio/mp4, audio/flac, audio/webm, audio/ogg (and common aliases); video: video/webm, video/mp4, video/quicktime, video/ogg. The PUT must send exactly this Content-Type (parameters such as codecs are ignored).',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  content_type: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() interview_id?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() answer_id?: string;

  @ApiPropertyOptional({
    description:
      "The exact size of the body in bytes. With the S3 driver it makes the answer an S3 presigned PUT with Content-Length signed; without it (or with the local driver) the URL is this server's own signed route.",
    minimum: 1,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  size_bytes?: number;
}

export class UploadUrlResponse {
  @ApiProperty({
    description: 'PUT the raw bytes here with the declared Content-Type; no bearer token needed',
  })
  upload_url: string;
  @ApiProperty({ example: 'media-3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b' }) file_key: string;
  @ApiProperty({ format: 'date-time' }) expires_at: string;
  @ApiProperty({ example: 'PUT' }) method: 'PUT';
  @ApiProperty({ example: { 'Content-Type': 'audio/webm' } }) headers: Record<string, string>;
  @ApiProperty({ description: 'Largest accepted body in bytes' }) max_bytes: number;
}

export class SignedUrlQueryDto {
  @ApiProperty({ description: 'Unix seconds' })
  @Matches(/^\d{1,12}$/, { message: 'expires must be unix seconds' })
  expires: string;

  @ApiProperty() @IsString() @MaxLength(100) signature: string;
}

export class UploadReceipt {
  @ApiProperty() file_key: string;
  @ApiProperty({ enum: MEDIA_FILE_STATUSES }) status: MediaFileStatus;
  @ApiProperty() content_type: string;
  @ApiProperty() size_bytes: number;
  @ApiProperty({ nullable: true, type: Number }) duration_seconds: number | null;
}

export class DownloadUrlQueryDto {
  @ApiProperty()
  @IsString()
  @Matches(/^media-[0-9a-f-]{36}$/, { message: 'file_key is not a media key' })
  file_key: string;
}

export class DownloadUrlResponse {
  @ApiProperty() download_url: string;
  @ApiProperty({ format: 'date-time' }) expires_at: string;
}
