import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { SIGNAL_TYPES } from '../entities/video-signal.entity';
import type { SignalType } from '../entities/video-signal.entity';

export class SignalDto {
  @ApiProperty({ enum: SIGNAL_TYPES })
  @IsIn(SIGNAL_TYPES)
  type: SignalType;

  @ApiProperty({
    description:
      'Opaque to the server: an RTCSessionDescriptionInit or RTCIceCandidateInit (≤ 64 KiB)',
    oneOf: [{ type: 'object' }, { type: 'string' }],
  })
  @IsDefined()
  payload: unknown;
}

export class SignalStreamQueryDto {
  @ApiPropertyOptional({
    description:
      'Replay messages after this event id (same as the Last-Event-ID header); default 0 = all',
    minimum: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  since?: number;
}

export class TranscriptLineDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  text: string;

  @ApiProperty({ format: 'date-time', description: 'When the words were spoken' })
  @IsISO8601({ strict: true })
  at: string;
}
