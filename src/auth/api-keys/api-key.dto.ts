import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { API_KEY_SCOPES } from '../../common/auth/api-scopes';
import { PageQueryDto } from '../../common/pagination/cursor';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'HRIS sync', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({
    type: [String],
    enum: API_KEY_SCOPES,
    example: ['jobs:read', 'applications:write'],
    description: '`<resource>:read|write` (write includes read); `admin` grants admin rights',
  })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @IsIn(API_KEY_SCOPES, {
    each: true,
    message: `each scope must be one of ${API_KEY_SCOPES.join(', ')}`,
  })
  scopes: string[];

  @ApiPropertyOptional({
    example: '2027-06-30T00:00:00Z',
    description: 'Never expires when omitted',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  expires_at?: string;
}

export class ApiKeyQueryDto extends PageQueryDto {}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) scopes: string[];
  @ApiProperty({ example: 'pnl_1a2b3c4d', description: 'The start of the key, to recognise it' })
  prefix: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expires_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) last_used_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revoked_at: string | null;
}

export class CreatedApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) scopes: string[];
  @ApiProperty({ description: 'The key itself: shown this once, stored only as a hash' })
  key: string;
  @ApiProperty({ example: 'pnl_1a2b3c4d' }) prefix: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expires_at: string | null;
}

export class ApiKeyPageResponse {
  @ApiProperty({ type: [ApiKeyResponse] }) items: ApiKeyResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}
