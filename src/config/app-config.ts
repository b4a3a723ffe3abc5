import { resolve } from 'node:path';

type Env = Record<string, string | undefined>;

export type AppRole = 'all' | 'api' | 'worker';

export interface AppSettings {
  nodeEnv: string;
  role: AppRole;
  port: number;
  dataDir: string;
  corsOrigins: string[];
  version: string;
  maxFileSize: number;
  rateLimitPerMinute: number;
  loginRateLimit: number;
  // Anonymous GET /api/jobs and /api/jobs/:id answered from memory until a job changes; 0: off.
  publicJobCacheTtlMs: number;
  logLevel: string;
  publicBaseUrl: string;
  http: HttpServerSettings;
  uploads: UploadQuotaSettings;
  // How long a stop (SIGTERM, Ctrl+C) waits for open requests before cutting their connections.
  shutdownTimeoutMs: number;
  // Where generated development secrets are kept; null when the environment supplies them all.
  secretsFile: string | null;
}

// Disk a client can fill (OWASP API4): bytes and files stored per client address per window, and
// the total of anonymous résumé uploads not yet attached to an application (issue #13.5).
export interface UploadQuotaSettings {
  windowSeconds: number;
  bytesPerAddress: number;
  filesPerAddress: number;
  pendingAnonymousBytes: number;
}

// Limits on how long a client may take to send a request (OWASP API4: a slow client must not hold
// a connection forever). Response time is not limited here: SSE streams and large downloads stay open.
export interface HttpServerSettings {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export interface DatabaseSettings {
  url: string | null;
  skipMigrations: boolean;
  poolSize: number;
  // Where the embedded cluster goes when the postgres OS account cannot enter DATA_DIR.
  embeddedFallbackDir: string;
}

export interface AuthSettings {
  jwtSecret: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  issuer: string;
  audience: string;
  adminEmail: string | null;
  adminPassword: string | null;
  // How long an account's state may serve requests from memory; 0 reads it on every request.
  stateCacheTtlMs: number;
  // Single sign-on for staff over OpenID Connect (src/auth/oidc); null when OIDC_ISSUER is unset.
  oidc: OidcSettings | null;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  // The ID token claim holding the person's groups or roles, and which value means which role.
  roleClaim: string;
  roleMap: Record<string, string>;
  redirectUri: string;
  postLoginUrl: string | null;
  onlyStaff: boolean;
}

// `OIDC_ROLE_MAP` = comma-separated `<claim value>:<role>`, e.g. `hr-admins:admin,recruiters:recruiter`.
export function parseRoleMap(raw: string | undefined): Record<string, string> {
  const roles = ['candidate', 'recruiter', 'domain_expert', 'admin'];
  const map: Record<string, string> = {};
  for (const entry of list(raw)) {
    const sep = entry.lastIndexOf(':');
    const value = entry.slice(0, sep).trim();
    const role = entry.slice(sep + 1).trim();
    if (sep <= 0 || !value || !roles.includes(role)) {
      throw new Error(
        `Invalid configuration: OIDC_ROLE_MAP entry "${entry}" must be <claim value>:<${roles.join('|')}>`,
      );
    }
    map[value] = role;
  }
  return map;
}

function oidcFrom(env: Env, publicBaseUrl: string): OidcSettings | null {
  if (!env.OIDC_ISSUER) {
    return null;
  }
  if (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) {
    throw new Error(
      'Invalid configuration: OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET',
    );
  }
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    roleClaim: env.OIDC_ROLE_CLAIM || 'groups',
    roleMap: parseRoleMap(env.OIDC_ROLE_MAP),
    redirectUri: `${publicBaseUrl}/api/auth/oidc/callback`,
    postLoginUrl: env.OIDC_POST_LOGIN_URL || null,
    onlyStaff: env.OIDC_ONLY_STAFF === 'true',
  };
}

export interface CryptoSettings {
  keys: { id: string; key: Buffer }[];
  currentKeyId: string;
  blindIndexKey: Buffer;
}

export type LlmResponseFormat = 'json_schema' | 'json_object' | 'none';

export interface AiSettings {
  provider: 'gemini' | 'openai_compatible' | 'offline';
  geminiApiKey: string | null;
  geminiModel: string;
  geminiBaseUrl: string | null;
  timeoutMs: number;
  // Any OpenAI-compatible chat-completions server (Ollama, vLLM, llama.cpp); null unless
  // LLM_BASE_URL is set.
  llm: {
    baseUrl: string;
    model: string;
    apiKey: string | null;
    timeoutMs: number;
    responseFormat: LlmResponseFormat;
  } | null;
}

export interface VideoSettings {
  provider: 'zoom' | 'webrtc';
  zoom: {
    accountId: string;
    clientId: string;
    clientSecret: string;
    webhookSecret: string | null;
    apiBaseUrl: string;
    oauthBaseUrl: string;
  } | null;
  turnUrls: string[];
  turnSecret: string;
}

export interface GdprSettings {
  retentionDefaultDays: number;
  exportExpiryHours: number;
}

// Outbound e-mail (src/mail). No SMTP URL: messages are rendered and kept as not_configured.
export interface MailSettings {
  smtpUrl: string | null;
  from: string;
  // Delivery attempts after the first, and the first retry's delay (doubled each time).
  retryLimit: number;
  retryDelaySeconds: number;
  sendTimeoutMs: number;
}

export interface ScoringSettings {
  weights: { relevance: number; completeness: number; accuracy: number; clarity: number };
  selectThreshold: number;
  nextRoundThreshold: number;
}

export interface AppConfig {
  app: AppSettings;
  database: DatabaseSettings;
  auth: AuthSettings;
  crypto: CryptoSettings;
  ai: AiSettings;
  video: VideoSettings;
  gdpr: GdprSettings;
  scoring: ScoringSettings;
  // Every validated setting by its variable name (filled by loadConfiguration).
  environment: Readonly<Env>;
  mail: MailSettings;
  careers: CareersSettings;
}

// The hosted candidate pages (src/web): on unless CANDIDATE_PAGES=false, themed by CAREERS_*.
export interface CareersSettings {
  enabled: boolean;
  title: string;
  logoUrl: string | null;
  accentColor: string;
  // Which message catalogue the pages speak (src/web/messages/<language>.json).
  language: string;
  // The privacy policy version the consent checkboxes show and record.
  policyVersion: string;
}

function careersFrom(env: Env): CareersSettings {
  return {
    enabled: env.CANDIDATE_PAGES !== 'false',
    title: env.CAREERS_TITLE || 'Careers',
    logoUrl: env.CAREERS_LOGO_URL || null,
    accentColor: (env.CAREERS_ACCENT_COLOR || '#1d4ed8').toLowerCase(),
    language: env.CAREERS_LANGUAGE || 'en',
    policyVersion: env.CAREERS_POLICY_VERSION || '2026-01',
  };
}

function num(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  return raw === undefined || raw === '' ? fallback : Number(raw);
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

// `PII_ENCRYPTION_KEYS` = comma-separated `<keyId>:<base64 of 32 bytes>`; the first entry is the
// current key (new writes), the others stay readable until `npm run gdpr:rotate-keys` retires them.
export function parseKeyRing(raw: string): CryptoSettings['keys'] {
  const entries = list(raw);
  if (entries.length === 0) {
    throw new Error('PII_ENCRYPTION_KEYS is empty');
  }
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const sep = entry.indexOf(':');
    const id = sep > 0 ? entry.slice(0, sep) : '';
    if (!/^[A-Za-z0-9_-]{1,16}$/.test(id)) {
      throw new Error(
        `PII_ENCRYPTION_KEYS entry ${index + 1} must be <keyId>:<base64 key> with a key id of 1-16 letters, digits, _ or -`,
      );
    }
    const key = Buffer.from(entry.slice(sep + 1), 'base64');
    if (key.length !== 32) {
      throw new Error(`PII_ENCRYPTION_KEYS key "${id}" must decode to exactly 32 bytes`);
    }
    if (seen.has(id)) {
      throw new Error(`PII_ENCRYPTION_KEYS key id "${id}" appears twice`);
    }
    seen.add(id);
    return { id, key };
  });
}

// Also read by createFastifyAdapter, which runs before the Nest config exists.
export function httpServerSettingsFrom(env: Env): HttpServerSettings {
  const settings = {
    headersTimeoutMs: num(env, 'HTTP_HEADERS_TIMEOUT_MS', 15_000),
    // Long enough for a MAX_FILE_SIZE upload on a slow line (10 MiB in 120 s is ~85 KB/s).
    requestTimeoutMs: num(env, 'HTTP_REQUEST_TIMEOUT_MS', 120_000),
    // Above the 60 s idle timeout of common load balancers, so they close idle connections first.
    keepAliveTimeoutMs: num(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 72_000),
  };
  if (settings.headersTimeoutMs > settings.requestTimeoutMs) {
    throw new Error(
      'Invalid configuration: HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS',
    );
  }
  return settings;
}

// AI_PROVIDER chooses explicitly; unset, the provider follows from the one vendor configured.
// Both Gemini and a self-hosted model configured without a choice is refused: sending answers to
// a third party must never be the silent default.
function aiFrom(env: Env): AiSettings {
  const llm = env.LLM_BASE_URL
    ? {
        baseUrl: env.LLM_BASE_URL.replace(/\/+$/, ''),
        model: env.LLM_MODEL ?? '',
        apiKey: env.LLM_API_KEY || null,
        timeoutMs: num(env, 'LLM_TIMEOUT_MS', 60_000),
        responseFormat: (env.LLM_RESPONSE_FORMAT as LlmResponseFormat | undefined) || 'json_schema',
      }
    : null;
  const requested = env.AI_PROVIDER as AiSettings['provider'] | undefined;
  if (!requested && env.GEMINI_API_KEY && llm) {
    throw new Error(
      'Invalid configuration: both GEMINI_API_KEY and LLM_BASE_URL are set; set AI_PROVIDER to gemini or openai_compatible',
    );
  }
  const provider =
    requested || (env.GEMINI_API_KEY ? 'gemini' : llm ? 'openai_compatible' : 'offline');
  if (provider === 'gemini' && !env.GEMINI_API_KEY) {
    throw new Error('Invalid configuration: AI_PROVIDER=gemini needs GEMINI_API_KEY');
  }
  if (provider === 'openai_compatible' && !llm) {
    throw new Error(
      'Invalid configuration: AI_PROVIDER=openai_compatible needs LLM_BASE_URL and LLM_MODEL',
    );
  }
  return {
    provider,
    geminiApiKey: env.GEMINI_API_KEY || null,
    geminiModel: env.GEMINI_MODEL || 'gemini-2.5-flash',
    geminiBaseUrl: env.GEMINI_BASE_URL || null,
    timeoutMs: num(env, 'GEMINI_TIMEOUT_MS', 20000),
    llm,
  };
}

function scoringFrom(env: Env): ScoringSettings {
  const weights = {
    relevance: num(env, 'WEIGHT_RELEVANCE', 0.3),
    completeness: num(env, 'WEIGHT_COMPLETENESS', 0.25),
    accuracy: num(env, 'WEIGHT_ACCURACY', 0.3),
    clarity: num(env, 'WEIGHT_CLARITY', 0.15),
  };
  const sum = weights.relevance + weights.completeness + weights.accuracy + weights.clarity;
  if (Math.abs(sum - 1) > 1e-6) {
    throw new Error(
      `Invalid configuration: WEIGHT_RELEVANCE + WEIGHT_COMPLETENESS + WEIGHT_ACCURACY + WEIGHT_CLARITY must sum to 1.0 (got ${sum.toFixed(4)})`,
    );
  }
  const selectThreshold = num(env, 'SCORE_SELECT_THRESHOLD', 7.5);
  const nextRoundThreshold = num(env, 'SCORE_NEXT_ROUND_THRESHOLD', 5.0);
  if (nextRoundThreshold > selectThreshold) {
    throw new Error(
      'Invalid configuration: SCORE_NEXT_ROUND_THRESHOLD must not exceed SCORE_SELECT_THRESHOLD',
    );
  }
  return { weights, selectThreshold, nextRoundThreshold };
}

function videoFrom(env: Env): VideoSettings {
  const zoomConfigured = !!(env.ZOOM_ACCOUNT_ID && env.ZOOM_CLIENT_ID && env.ZOOM_CLIENT_SECRET);
  return {
    provider: zoomConfigured ? 'zoom' : 'webrtc',
    zoom: zoomConfigured
      ? {
          accountId: env.ZOOM_ACCOUNT_ID!,
          clientId: env.ZOOM_CLIENT_ID!,
          clientSecret: env.ZOOM_CLIENT_SECRET!,
          webhookSecret: env.ZOOM_WEBHOOK_SECRET_TOKEN || null,
          apiBaseUrl: env.ZOOM_API_BASE_URL || 'https://api.zoom.us/v2',
          oauthBaseUrl: env.ZOOM_OAUTH_BASE_URL || 'https://zoom.us',
        }
      : null,
    turnUrls: list(env.TURN_URLS),
    turnSecret: env.TURN_SECRET ?? '',
  };
}

export function buildAppConfig(env: Env): AppConfig {
  let keys: CryptoSettings['keys'];
  try {
    keys = parseKeyRing(env.PII_ENCRYPTION_KEYS ?? '');
  } catch (error) {
    throw new Error(`Invalid configuration: ${(error as Error).message}`);
  }
  const blindIndexKey = Buffer.from(env.BLIND_INDEX_KEY ?? '', 'utf8');
  if (blindIndexKey.length < 32) {
    throw new Error('Invalid configuration: BLIND_INDEX_KEY must be at least 32 characters');
  }
  const port = num(env, 'PORT', 8000);
  return {
    app: {
      nodeEnv: env.NODE_ENV ?? 'development',
      role: (env.APP_ROLE as AppRole | undefined) ?? 'all',
      port,
      dataDir: resolve(env.DATA_DIR ?? './data'),
      corsOrigins: list(env.CORS_ORIGINS ?? 'http://localhost:3000,http://localhost:8000'),
      version: env.npm_package_version ?? '0.1.0',
      maxFileSize: num(env, 'MAX_FILE_SIZE', 10 * 1024 * 1024),
      // Per account (per client address when anonymous), all routes together, shared by every
      // instance: generous enough for a dashboard polling several lists; sign-in has its own much
      // stricter per-account and per-address limits.
      rateLimitPerMinute: num(env, 'RATE_LIMIT_PER_MINUTE', 10000),
      publicJobCacheTtlMs: num(env, 'PUBLIC_JOB_CACHE_TTL_MS', 10_000),
      loginRateLimit: num(env, 'LOGIN_RATE_LIMIT', 10),
      logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
      // PUBLIC_URL (API.md); PUBLIC_BASE_URL is the older name, still read.
      publicBaseUrl: (env.PUBLIC_URL || env.PUBLIC_BASE_URL || `http://localhost:${port}`).replace(
        /\/+$/,
        '',
      ),
      http: httpServerSettingsFrom(env),
      uploads: {
        windowSeconds: num(env, 'UPLOAD_QUOTA_WINDOW_SECONDS', 3600),
        bytesPerAddress: num(env, 'UPLOAD_QUOTA_BYTES_PER_ADDRESS', 512 * 1024 * 1024),
        filesPerAddress: num(env, 'UPLOAD_QUOTA_FILES_PER_ADDRESS', 60),
        pendingAnonymousBytes: num(env, 'UPLOAD_PENDING_ANONYMOUS_MAX_BYTES', 2 * 1024 ** 3),
      },
      shutdownTimeoutMs: num(env, 'SHUTDOWN_TIMEOUT_MS', 10_000),
      secretsFile: null,
    },
    database: {
      url: env.DATABASE_URL || null,
      skipMigrations: env.DB_SKIP_MIGRATIONS === 'true',
      poolSize: num(env, 'DB_POOL_SIZE', 20),
      embeddedFallbackDir: resolve(env.EMBEDDED_DB_FALLBACK_DIR || '/var/lib/panelist'),
    },
    auth: {
      jwtSecret: env.JWT_SECRET ?? '',
      accessTtlSeconds: num(env, 'JWT_ACCESS_TTL', 900),
      refreshTtlSeconds: num(env, 'JWT_REFRESH_TTL', 30 * 24 * 3600),
      issuer: 'panelist',
      audience: 'panelist-api',
      adminEmail: env.ADMIN_EMAIL || null,
      adminPassword: env.ADMIN_PASSWORD || null,
      stateCacheTtlMs: num(env, 'AUTH_STATE_CACHE_TTL_MS', 30_000),
      oidc: oidcFrom(
        env,
        (env.PUBLIC_URL || env.PUBLIC_BASE_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
      ),
    },
    crypto: { keys, currentKeyId: keys[0].id, blindIndexKey },
    ai: aiFrom(env),
    video: videoFrom(env),
    gdpr: {
      retentionDefaultDays: num(env, 'DATA_RETENTION_DEFAULT_DAYS', 365),
      exportExpiryHours: num(env, 'DATA_EXPORT_EXPIRY_HOURS', 48),
    },
    scoring: scoringFrom(env),
    environment: {},
    mail: mailFrom(env, port),
    careers: careersFrom(env),
  };
}

function mailFrom(env: Env, port: number): MailSettings {
  const host = new URL(env.PUBLIC_URL || env.PUBLIC_BASE_URL || `http://localhost:${port}`)
    .hostname;
  return {
    smtpUrl: env.SMTP_URL || null,
    from: env.MAIL_FROM || `Panelist <no-reply@${host}>`,
    retryLimit: num(env, 'MAIL_RETRY_LIMIT', 6),
    retryDelaySeconds: num(env, 'MAIL_RETRY_DELAY_SECONDS', 30),
    sendTimeoutMs: num(env, 'MAIL_SEND_TIMEOUT_MS', 30_000),
  };
}
