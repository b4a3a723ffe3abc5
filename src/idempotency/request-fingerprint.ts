import { createHash } from 'node:crypto';

// JSON with object keys sorted: the same body sent with its keys in another order is the same
// request.
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

// What two requests must share to be "the same request": method, path with query, and body (the
// canonical JSON, or the digest of a multipart body).
export function requestFingerprint(method: string, url: string, body: string): string {
  return createHash('sha256').update(`${method} ${url}\n`).update(body).digest('hex');
}
