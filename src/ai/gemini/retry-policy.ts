import { ApiError } from '@google/genai';

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  // Upper bound on the sum of all waits for one call, so a caller is never held for long.
  totalDelayBudgetMs: number;
}

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

export function retryPolicyFrom(options: {
  maxRetries: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  retryTotalDelayBudgetMs?: number;
}): RetryPolicy {
  return {
    maxRetries: Math.max(0, options.maxRetries),
    baseDelayMs: options.retryBaseDelayMs ?? 500,
    maxDelayMs: options.retryMaxDelayMs ?? 4000,
    totalDelayBudgetMs: options.retryTotalDelayBudgetMs ?? 8000,
  };
}

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

// Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3).
export function parseRetryAfterHeader(value: string | null, now = Date.now()): number | undefined {
  if (!value) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Math.round(Number(trimmed) * 1000);
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// Gemini's 429 body carries a google.rpc.RetryInfo detail such as { "retryDelay": "17s" }; the SDK
// puts the body into the error message.
export function parseRetryInfoDelay(errorMessage: string): number | undefined {
  let body: unknown;
  try {
    body = JSON.parse(errorMessage);
  } catch {
    return undefined;
  }
  const details = (body as { error?: { details?: unknown } })?.error?.details;
  if (!Array.isArray(details)) {
    return undefined;
  }
  for (const detail of details as Array<Record<string, unknown>>) {
    const delay = detail?.retryDelay;
    if (typeof delay === 'string' && /^\d+(\.\d+)?s$/.test(delay)) {
      return Math.round(Number(delay.slice(0, -1)) * 1000);
    }
  }
  return undefined;
}

// Exponential back-off with "equal jitter": half the step is fixed, half random, so many
// workers retrying together spread out.
export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(step / 2 + (random() * step) / 2);
}

// Why a model call ends (Gemini or an OpenAI-compatible server); each caller maps these to its own
// error type.
export type ModelCallFailure =
  'timeout' | 'invalid_output' | 'rejected' | 'rate_limited' | 'unavailable';

export class ModelAttemptFailure extends Error {
  constructor(
    readonly kind: ModelCallFailure,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ModelAttemptFailure';
  }
}

// The SDK wraps errors (an abort becomes the cause of a generic error under some runtimes), so
// names are looked for along the cause chain.
export function hasErrorName(error: unknown, names: readonly string[]): boolean {
  const candidate = error as { name?: unknown; cause?: unknown } | null;
  return (
    typeof candidate?.name === 'string' &&
    (names.includes(candidate.name) ||
      (candidate.cause !== undefined && hasErrorName(candidate.cause, names)))
  );
}

// An HTTP error answer seen by a plain-fetch client (the OpenAI-compatible provider).
export class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
    this.name = 'HttpStatusError';
  }
}

export function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof ApiError || error instanceof HttpStatusError) {
    return error.status;
  }
  const status = (error as { status?: unknown } | null)?.status;
  return (error as Error | null)?.name === 'ApiError' && typeof status === 'number'
    ? status
    : undefined;
}

export interface AttemptState {
  attempt: number;
  waited: number;
  retryAfterMs?: number;
  timeoutMs: number;
}

// How long to wait before the next attempt; throws ModelAttemptFailure when the call should end.
// Shared by the AI provider and the transcriber so both treat vendor errors the same way.
export function nextRetryDelay(error: unknown, state: AttemptState, policy: RetryPolicy): number {
  // Already a verdict (e.g. a reply with no content): not retried.
  if (error instanceof ModelAttemptFailure) {
    throw error;
  }
  if (hasErrorName(error, ['AbortError', 'TimeoutError'])) {
    throw new ModelAttemptFailure('timeout', `no reply within ${state.timeoutMs} ms`);
  }
  if (hasErrorName(error, ['SyntaxError'])) {
    throw new ModelAttemptFailure('invalid_output', 'response body is not JSON');
  }
  const status = httpStatusOf(error);
  if (status !== undefined && !isRetryableStatus(status)) {
    throw new ModelAttemptFailure('rejected', `HTTP ${status}`);
  }
  const exhausted = status === 429 ? 'rate_limited' : 'unavailable';
  const detail =
    status === undefined ? `network error (${(error as Error).name})` : `HTTP ${status}`;
  if (state.attempt >= policy.maxRetries) {
    throw new ModelAttemptFailure(exhausted, `${detail} after ${state.attempt + 1} attempts`);
  }
  const requested =
    state.retryAfterMs ?? (error instanceof Error ? parseRetryInfoDelay(error.message) : undefined);
  // Retrying before the server's Retry-After only earns another 429, so a longer request than
  // we are willing to wait ends the call instead.
  if (requested !== undefined && requested > policy.maxDelayMs) {
    throw new ModelAttemptFailure(exhausted, `${detail}; server asked to wait ${requested} ms`);
  }
  const delay = requested ?? backoffDelay(state.attempt, policy);
  if (state.waited + delay > policy.totalDelayBudgetMs) {
    throw new ModelAttemptFailure(exhausted, `${detail}; retry budget spent`);
  }
  return delay;
}

// Runs one model request with retries: `send` receives a fetch that records the Retry-After
// header (the SDK's ApiError carries only the status). Ends with ModelAttemptFailure.
export async function withModelRetries<T>(
  send: (fetchRecordingRetryAfter: typeof fetch) => Promise<T>,
  options: { policy: RetryPolicy; timeoutMs: number; sleep: (ms: number) => Promise<void> },
): Promise<T> {
  let waited = 0;
  for (let attempt = 0; ; attempt += 1) {
    let retryAfterMs: number | undefined;
    const fetchRecordingRetryAfter: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      retryAfterMs = parseRetryAfterHeader(response.headers.get('retry-after'));
      return response;
    };
    try {
      return await send(fetchRecordingRetryAfter);
    } catch (error) {
      const delay = nextRetryDelay(
        error,
        { attempt, waited, retryAfterMs, timeoutMs: options.timeoutMs },
        options.policy,
      );
      await options.sleep(delay);
      waited += delay;
    }
  }
}

// The names the transcriber was written against.
export { ModelAttemptFailure as GeminiAttemptFailure, withModelRetries as withGeminiRetries };
