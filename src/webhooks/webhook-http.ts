import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { assertPublicTarget, guardedLookup, HostResolver, systemResolver } from './ssrf-guard';

export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export interface WebhookPostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivate: boolean;
  resolve?: HostResolver;
}

// A delivery: the target is checked from the name's current addresses, and checked again by the
// socket's own lookup when it connects (a name that answers differently the second time — DNS
// rebinding — is refused there).
export async function deliverWebhook(
  url: URL,
  body: string,
  options: WebhookPostOptions,
): Promise<number> {
  await assertPublicTarget(url, options.allowPrivate, options.resolve);
  return postWebhook(url, body, options);
}

// One POST, no redirects followed (a redirect could point anywhere). Resolves with the status code
// as soon as it arrives (the body is drained and ignored); rejects on network errors and timeout.
export function postWebhook(url: URL, body: string, options: WebhookPostOptions): Promise<number> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Panelist-Webhooks/1',
          ...options.headers,
        },
        // A fresh connection per delivery: every socket goes through the guarded lookup.
        agent: false,
        lookup: guardedLookup(options.allowPrivate, options.resolve ?? systemResolver),
        timeout: options.timeoutMs,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        res.on('error', () => undefined);
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
