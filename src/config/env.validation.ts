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
  MaxLength,
  Min,
  MinLength,
  ValidationOptions,
  registerDecorator,
  ValidateIf,
  getMetadataStorage,
  validateSync,
} from 'class-validator';

const MiB = 1024 * 1024;
// Gemini takes at most 20 MB of inline request data; base64 grows audio by 4/3.
export const GEMINI_INLINE_MAX_BYTES = 14 * MiB;

// WCAG 2.x relative luminance and contrast ratio of a #rrggbb colour against white.
export function contrastWithWhite(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (luminance + 0.05);
}

function HasContrastWithWhite(ratio: number, options: ValidationOptions) {
  return (object: object, propertyName: string): void =>
    registerDecorator({
      name: 'hasContrastWithWhite',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' ||
          !/^#[0-9a-fA-F]{6}$/.test(value) ||
          contrastWithWhite(value) >= ratio,
      },
    });
}

const toNumber = ({ value }: { value: unknown }): unknown =>
  value === undefined || value === '' ? undefined : Number(value);

// Every setting the service reads, validated once at start-up. A failure stops the boot with one
// readable line per problem (see formatEnvErrors); values are never echoed because some are secrets.
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test']) NODE_ENV?: string;
  @IsOptional() @IsIn(['all', 'api', 'worker']) APP_ROLE?: string;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() DATA_DIR?: string;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) PUBLIC_BASE_URL?: string;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(600_000) SHUTDOWN_TIMEOUT_MS?: number;
  // Development secrets file (src/config/dev-secrets.ts); XDG_CONFIG_HOME places its default.
  @IsOptional() @IsString() SECRETS_FILE?: string;
  @IsOptional() @IsString() XDG_CONFIG_HOME?: string;
  @IsOptional() @IsString() EMBEDDED_DB_FALLBACK_DIR?: string;

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
  // The account-state cache of the JWT strategy (src/auth/account-state); 0 turns it off.
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(600_000)
  AUTH_STATE_CACHE_TTL_MS?: number;
  // Anonymous job reads kept in memory until a job changes (src/jobs/public-job.cache.ts); 0: off.
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(600_000)
  PUBLIC_JOB_CACHE_TTL_MS?: number;
  // Single sign-on over OpenID Connect (src/auth/oidc); the issuer may be a local test server.
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'OIDC_ISSUER must be the identity provider URL, e.g. https://login.example.com' },
  )
  OIDC_ISSUER?: string;
  @ValidateIf((env: EnvironmentVariables) => !!env.OIDC_ISSUER)
  @IsString({ message: 'OIDC_CLIENT_ID is required when OIDC_ISSUER is set' })
  OIDC_CLIENT_ID?: string;
  @ValidateIf((env: EnvironmentVariables) => !!env.OIDC_ISSUER)
  @IsString({ message: 'OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set' })
  OIDC_CLIENT_SECRET?: string;
  @IsOptional() @IsString() OIDC_ROLE_CLAIM?: string;
  @IsOptional() @IsString() OIDC_ROLE_MAP?: string;
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'OIDC_POST_LOGIN_URL must be an http(s) URL' },
  )
  OIDC_POST_LOGIN_URL?: string;
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'OIDC_ONLY_STAFF must be true or false' })
  OIDC_ONLY_STAFF?: string;
  @IsOptional() @IsString() ADMIN_EMAIL?: string;
  @IsOptional() @IsString() @MinLength(8) ADMIN_PASSWORD?: string;

  @IsOptional() @IsString() PII_ENCRYPTION_KEYS?: string;
  @IsOptional() @IsString() BLIND_INDEX_KEY?: string;

  @IsOptional() @IsString() GEMINI_API_KEY?: string;
  @IsOptional() @IsString() GEMINI_MODEL?: string;
  @IsOptional() @IsUrl({ require_tld: false }) GEMINI_BASE_URL?: string;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1000) @Max(600_000) GEMINI_TIMEOUT_MS?: number;

  // Media and transcription (src/media/media-settings.ts reads them; ranges match its own).
  @IsOptional() @IsString() GEMINI_TRANSCRIBE_MODEL?: string;
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  TRANSCRIBE_TIMEOUT_MS?: number;
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1024)
  @Max(GEMINI_INLINE_MAX_BYTES)
  TRANSCRIBE_MAX_BYTES?: number;
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(4 * 3600)
  TRANSCRIBE_MAX_SECONDS?: number;
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(4 * 3600)
  MEDIA_ANALYSIS_MAX_SECONDS?: number;
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1024)
  @Max(512 * MiB)
  MEDIA_MAX_AUDIO_BYTES?: number;
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1024)
  @Max(512 * MiB)
  MEDIA_MAX_VIDEO_BYTES?: number;
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(30)
  @Max(3600)
  MEDIA_UPLOAD_URL_TTL_SECONDS?: number;
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(30)
  @Max(3600)
  MEDIA_DOWNLOAD_URL_TTL_SECONDS?: number;
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'MEDIA_URL_SIGNING_SECRET must be at least 32 characters' })
  MEDIA_URL_SIGNING_SECRET?: string;

  // Where files live (src/storage/storage-settings.ts): local disk (default) or an S3 bucket.
  @IsOptional()
  @IsIn(['local', 's3'], { message: 'STORAGE_DRIVER must be local or s3' })
  STORAGE_DRIVER?: string;
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'S3_FORCE_PATH_STYLE must be true or false' })
  S3_FORCE_PATH_STYLE?: string;
  @IsOptional() @IsUrl({ require_tld: false }) S3_ENDPOINT?: string;
  @IsOptional() @IsString() S3_BUCKET?: string;
  @IsOptional() @IsString() S3_REGION?: string;
  @IsOptional() @IsString() S3_ACCESS_KEY_ID?: string;
  @IsOptional() @IsString() S3_SECRET_ACCESS_KEY?: string;

  // Outbound webhooks (src/webhooks/webhook-settings.ts).
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'WEBHOOKS_ALLOW_PRIVATE must be true or false' })
  WEBHOOKS_ALLOW_PRIVATE?: string;
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(3600)
  WEBHOOK_RETRY_DELAY_SECONDS?: number;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(20) WEBHOOK_RETRY_LIMIT?: number;
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_DISABLE_AFTER_FAILURES?: number;

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
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(3600)
  ZOOM_ERASURE_RETRY_DELAY_SECONDS?: number;
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
  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'PUBLIC_URL must be an http(s) URL such as https://jobs.example.com' },
  )
  PUBLIC_URL?: string;
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s/]+/, {
    message: 'SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465',
  })
  SMTP_URL?: string;
  @IsOptional()
  @Matches(/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/, {
    message: 'MAIL_FROM must be an address, optionally with a name: Panelist <jobs@example.com>',
  })
  MAIL_FROM?: string;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(20) MAIL_RETRY_LIMIT?: number;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(3600) MAIL_RETRY_DELAY_SECONDS?: number;
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  MAIL_SEND_TIMEOUT_MS?: number;

  @IsOptional() @IsBooleanString() CANDIDATE_PAGES?: string;
  @IsOptional() @IsString() @MaxLength(80) CAREERS_TITLE?: string;
  @IsOptional()
  @Matches(/^(https:\/\/[^\s"'<>]+|\/[^\s"'<>]*)$/, {
    message: 'CAREERS_LOGO_URL must be an https:// URL or a path on this server such as /logo.svg',
  })
  CAREERS_LOGO_URL?: string;
  // The accent colour carries white text (buttons, links on white): WCAG AA needs 4.5:1.
  @IsOptional()
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'CAREERS_ACCENT_COLOR must be a colour like #1d4ed8' })
  @HasContrastWithWhite(4.5, {
    message: 'CAREERS_ACCENT_COLOR must contrast 4.5:1 with white (WCAG AA); pick a darker colour',
  })
  CAREERS_ACCENT_COLOR?: string;
  @IsOptional()
  @Matches(/^[a-z]{2}(-[A-Z]{2})?$/, { message: 'CAREERS_LANGUAGE must look like en or pt-BR' })
  CAREERS_LANGUAGE?: string;
  @IsOptional()
  @Matches(/^[\w.-]{1,40}$/, {
    message: 'CAREERS_POLICY_VERSION may hold up to 40 letters, digits, _ . and -',
  })
  CAREERS_POLICY_VERSION?: string;

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

// The names of every setting validated here: the only environment variables the code may read.
export function knownSettingNames(): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(
    EnvironmentVariables,
    '',
    true,
    false,
  );
  return [...new Set(metadata.map((m) => m.propertyName))].sort();
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
