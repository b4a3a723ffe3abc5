import type { AiSettings, AppSettings, AuthSettings } from '../config/app-config';
import { GEMINI_INLINE_MAX_BYTES } from '../config/env.validation';
import { deriveMediaSigningKey } from './signing/media-url-signer';

type Env = Record<string, string | undefined>;

const MiB = 1024 * 1024;
export { GEMINI_INLINE_MAX_BYTES };

export interface MediaSettings {
  transcription: {
    provider: 'gemini' | 'none';
    apiKey: string | null;
    model: string;
    baseUrl: string | null;
    timeoutMs: number;
    maxRetries: number;
  };
  // POST /api/transcribe and the answer-transcription job.
  transcribeMaxBytes: number;
  transcribeMaxSeconds: number;
  // Speech analysis of an uploaded file (sent inline too, so also capped by the inline limit).
  analysisMaxSeconds: number;
  maxBytes: { audio: number; video: number };
  uploadUrlTtlSeconds: number;
  downloadUrlTtlSeconds: number;
  signingKey: Buffer;
  publicBaseUrl: string;
}

export const MEDIA_SETTINGS = Symbol('MEDIA_SETTINGS');

function intFrom(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Invalid configuration: ${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

// Media's own settings, read once at start-up from the environment; vendor and secrets come
// from the shared namespaces so there is one GEMINI_API_KEY and one JWT_SECRET.
export function buildMediaSettings(
  env: Env,
  app: AppSettings,
  auth: AuthSettings,
  ai: AiSettings,
): MediaSettings {
  const signingSecret = env.MEDIA_URL_SIGNING_SECRET;
  if (signingSecret !== undefined && signingSecret.length < 32) {
    throw new Error(
      'Invalid configuration: MEDIA_URL_SIGNING_SECRET must be at least 32 characters',
    );
  }
  return {
    transcription: {
      provider: ai.geminiApiKey ? 'gemini' : 'none',
      apiKey: ai.geminiApiKey,
      model: env.GEMINI_TRANSCRIBE_MODEL || ai.geminiModel,
      baseUrl: ai.geminiBaseUrl,
      timeoutMs: intFrom(env, 'TRANSCRIBE_TIMEOUT_MS', 60_000, 1000, 600_000),
      maxRetries: 2,
    },
    transcribeMaxBytes: intFrom(
      env,
      'TRANSCRIBE_MAX_BYTES',
      10 * MiB,
      1024,
      GEMINI_INLINE_MAX_BYTES,
    ),
    transcribeMaxSeconds: intFrom(env, 'TRANSCRIBE_MAX_SECONDS', 600, 1, 4 * 3600),
    analysisMaxSeconds: intFrom(env, 'MEDIA_ANALYSIS_MAX_SECONDS', 1800, 1, 4 * 3600),
    maxBytes: {
      audio: intFrom(env, 'MEDIA_MAX_AUDIO_BYTES', 25 * MiB, 1024, 512 * MiB),
      video: intFrom(env, 'MEDIA_MAX_VIDEO_BYTES', 100 * MiB, 1024, 512 * MiB),
    },
    uploadUrlTtlSeconds: intFrom(env, 'MEDIA_UPLOAD_URL_TTL_SECONDS', 900, 30, 3600),
    downloadUrlTtlSeconds: intFrom(env, 'MEDIA_DOWNLOAD_URL_TTL_SECONDS', 300, 30, 3600),
    signingKey: deriveMediaSigningKey(signingSecret ?? auth.jwtSecret),
    publicBaseUrl: app.publicBaseUrl.replace(/\/+$/, ''),
  };
}
