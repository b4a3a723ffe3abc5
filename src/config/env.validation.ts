import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBooleanString,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

const toNumber = ({ value }: { value: unknown }): unknown =>
  value === undefined || value === '' ? undefined : Number(value);

// Every setting the service reads, validated once at start-up. A failure stops the boot with one
// readable line per problem (see formatEnvErrors); values are never echoed because some are secrets.
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test']) NODE_ENV?: string;
  @IsOptional() @IsIn(['all', 'api', 'worker']) APP_ROLE?: string;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() DATA_DIR?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, {
    message: 'DATABASE_URL must look like postgres://user:password@host:5432/database',
  })
  DATABASE_URL?: string;
  @IsOptional() @IsBooleanString() DB_SKIP_MIGRATIONS?: string;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(200) DB_POOL_SIZE?: number;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(30) JWT_ACCESS_TTL?: number;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(60) JWT_REFRESH_TTL?: number;
  @IsOptional() @IsString() CORS_ORIGINS?: string;
  @IsOptional() @IsString() ADMIN_EMAIL?: string;
  @IsOptional() @IsString() @MinLength(8) ADMIN_PASSWORD?: string;

  @IsOptional() @IsString() PII_ENCRYPTION_KEYS?: string;
  @IsOptional() @IsString() BLIND_INDEX_KEY?: string;

  @IsOptional() @IsString() GEMINI_API_KEY?: string;
  @IsOptional() @IsString() GEMINI_MODEL?: string;
  @IsOptional() @IsUrl({ require_tld: false }) GEMINI_BASE_URL?: string;

  @IsOptional() @IsIn(['gemini', 'openai_compatible', 'offline']) AI_PROVIDER?: string;
  // A self-hosted model usually runs on a private host name or address, hence no TLD required.
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'LLM_BASE_URL must be an http(s) URL such as http://localhost:11434/v1' },
  )
  LLM_BASE_URL?: string;
  @ValidateIf((env: EnvironmentVariables) => !!env.LLM_BASE_URL)
  @IsString({ message: 'LLM_MODEL is required when LLM_BASE_URL is set' })
  @MinLength(1, { message: 'LLM_MODEL is required when LLM_BASE_URL is set' })
  LLM_MODEL?: string;
  @IsOptional() @IsString() LLM_API_KEY?: string;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1000) @Max(600_000) LLM_TIMEOUT_MS?: number;
  @IsOptional() @IsIn(['json_schema', 'json_object', 'none']) LLM_RESPONSE_FORMAT?: string;

  @IsOptional() @IsString() ZOOM_ACCOUNT_ID?: string;
  @ValidateIf((env: EnvironmentVariables) => !!env.ZOOM_ACCOUNT_ID)
  @IsString({ message: 'ZOOM_CLIENT_ID is required when ZOOM_ACCOUNT_ID is set' })
  ZOOM_CLIENT_ID?: string;
  @ValidateIf((env: EnvironmentVariables) => !!env.ZOOM_ACCOUNT_ID)
  @IsString({ message: 'ZOOM_CLIENT_SECRET is required when ZOOM_ACCOUNT_ID is set' })
  ZOOM_CLIENT_SECRET?: string;
  @IsOptional() @IsString() ZOOM_WEBHOOK_SECRET_TOKEN?: string;
  @IsOptional() @IsUrl({ require_tld: false }) ZOOM_API_BASE_URL?: string;
  @IsOptional() @IsUrl({ require_tld: false }) ZOOM_OAUTH_BASE_URL?: string;
  @IsOptional() @IsString() TURN_URLS?: string;
  @IsOptional() @IsString() TURN_SECRET?: string;

  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) DATA_RETENTION_DEFAULT_DAYS?: number;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) DATA_EXPORT_EXPIRY_HOURS?: number;

  @IsOptional() @Transform(toNumber) @IsNumber() @Min(0) @Max(1) WEIGHT_RELEVANCE?: number;
  @IsOptional() @Transform(toNumber) @IsNumber() @Min(0) @Max(1) WEIGHT_COMPLETENESS?: number;
  @IsOptional() @Transform(toNumber) @IsNumber() @Min(0) @Max(1) WEIGHT_ACCURACY?: number;
  @IsOptional() @Transform(toNumber) @IsNumber() @Min(0) @Max(1) WEIGHT_CLARITY?: number;
  @IsOptional() @Transform(toNumber) @IsNumber() @Min(0) @Max(10) SCORE_SELECT_THRESHOLD?: number;
  @IsOptional()
  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(10)
  SCORE_NEXT_ROUND_THRESHOLD?: number;

  @IsOptional() @Transform(toNumber) @IsInt() @Min(1024) MAX_FILE_SIZE?: number;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) RATE_LIMIT_PER_MINUTE?: number;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) LOGIN_RATE_LIMIT?: number;
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(60)
  @Max(7 * 86_400)
  UPLOAD_QUOTA_WINDOW_SECONDS?: number;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1024) UPLOAD_QUOTA_BYTES_PER_ADDRESS?: number;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) UPLOAD_QUOTA_FILES_PER_ADDRESS?: number;
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1024)
  UPLOAD_PENDING_ANONYMOUS_MAX_BYTES?: number;
  @IsOptional() @IsString() LOG_LEVEL?: string;

  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_HEADERS_TIMEOUT_MS?: number;
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  HTTP_REQUEST_TIMEOUT_MS?: number;
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_KEEP_ALIVE_TIMEOUT_MS?: number;
}

export function validateEnvironment(raw: Record<string, unknown>): Record<string, unknown> {
  const env = plainToInstance(EnvironmentVariables, raw, { enableImplicitConversion: false });
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => m));
    throw new Error(`Invalid configuration: ${lines.join('; ')}`);
  }
  return raw;
}
