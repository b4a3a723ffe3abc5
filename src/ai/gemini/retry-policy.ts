export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  // Upper bound on the sum of all waits for one call, so a caller is never held for long.
  totalDelayBudgetMs: number;
}

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

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
