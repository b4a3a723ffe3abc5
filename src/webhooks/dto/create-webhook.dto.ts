import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { WEBHOOK_EVENTS } from '../webhook-events';
import type { WebhookEvent } from '../webhook-events';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.com/panelist', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['application.stage_changed'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEvent[];

  @ApiProperty({
    minLength: 16,
    maxLength: 256,
    writeOnly: true,
    description: 'Shared secret for X-Panelist-Signature (HMAC-SHA256); never returned',
  })
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret: string;
}
