import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainException } from '../../common/errors/domain.exception';
import type { AppConfig, VideoSettings } from '../../config/app-config';

export type ZoomSettings = NonNullable<VideoSettings['zoom']>;

const REQUEST_TIMEOUT_MS = 15_000;
// Refresh a little before Zoom's expiry (1 h) so a token never dies mid-request.
const TOKEN_EARLY_REFRESH_MS = 60_000;
const MAX_RATE_LIMIT_RETRIES = 3;
const MAX_RETRY_WAIT_MS = 10_000;

export class ZoomProblem extends DomainException {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(502, 'VIDEO_PROVIDER_ERROR', detail, extra);
  }
}

interface ZoomResponse<T> {
  status: number;
  body: T;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

function vendorMessage(body: unknown): { message: string; code?: unknown } {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const message = b.message ?? b.reason ?? b.error;
    if (typeof message === 'string' && message) {
      return { message: message.slice(0, 300), code: b.code };
    }
  }
  return { message: 'no error message' };
}

// Retry-After is seconds or an HTTP date; without one, exponential back-off from 500 ms.
function retryDelayMs(header: string | null, attempt: number): number {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) {
      return Math.max(0, seconds * 1000);
    }
    const date = Date.parse(header);
    if (!Number.isNaN(date)) {
      return Math.max(0, date - Date.now());
    }
  }
  return 500 * 2 ** attempt;
}

// Zoom Server-to-Server OAuth + REST. The access token is cached per process until shortly
// before it expires (a cache, not state: any instance can mint its own), refreshed once on a
// 401, and 429s are retried after Retry-After within a small bound. Every failure becomes a
// 502 problem carrying Zoom's own message — never a stack trace or a token.
@Injectable()
export class ZoomApiClient {
  private readonly logger = new Logger('Zoom');
  private readonly settings: ZoomSettings | null;
  private token: CachedToken | null = null;
  private pendingToken: Promise<CachedToken> | null = null;

  constructor(config: ConfigService<AppConfig, true>) {
    this.settings = config.get<VideoSettings>('video').zoom;
  }

  get configured(): boolean {
    return this.settings !== null;
  }

  get apiBaseUrl(): URL {
    return new URL(this.require().apiBaseUrl);
  }

  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) {
      return this.token.value;
    }
    // Concurrent callers share one token request.
    this.pendingToken ??= this.fetchToken().finally(() => (this.pendingToken = null));
    this.token = await this.pendingToken;
    return this.token.value;
  }

  async request<T = unknown>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    options: { query?: Record<string, string | number | undefined>; body?: unknown } = {},
  ): Promise<ZoomResponse<T>> {
    const url = new URL(`${this.require().apiBaseUrl.replace(/\/+$/, '')}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') {
        url.searchParams.set(key, String(value));
      }
    }
    let refreshed = false;
    for (let rateRetries = 0; ;) {
      const token = await this.accessToken();
      const response = await this.send(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      });
      if (response.status === 401 && !refreshed) {
        // Revoked or expired early (e.g. the app's secret was rotated): one fresh token.
        refreshed = true;
        this.forget(token);
        await response.body?.cancel();
        continue;
      }
      if (response.status === 429 && rateRetries < MAX_RATE_LIMIT_RETRIES) {
        const wait = retryDelayMs(response.headers.get('retry-after'), rateRetries);
        await response.body?.cancel();
        if (wait > MAX_RETRY_WAIT_MS) {
          throw new DomainException(
            503,
            'VIDEO_PROVIDER_RATE_LIMITED',
            'Zoom rate limit reached; retry later',
            {},
            { 'Retry-After': String(Math.ceil(wait / 1000)) },
          );
        }
        rateRetries += 1;
        this.logger.warn(`Zoom answered 429 for ${method} ${path}; retrying in ${wait} ms`);
        await sleep(wait);
        continue;
      }
      const body = await this.readBody(response);
      if (response.status >= 200 && response.status < 300) {
        return { status: response.status, body: body as T };
      }
      const vendor = vendorMessage(body);
      throw new ZoomProblem(`Zoom API error (HTTP ${response.status}): ${vendor.message}`, {
        vendor_status: response.status,
        ...(vendor.code !== undefined ? { vendor_code: vendor.code } : {}),
      });
    }
  }

  private async fetchToken(): Promise<CachedToken> {
    const zoom = this.require();
    const url = new URL(`${zoom.oauthBaseUrl.replace(/\/+$/, '')}/oauth/token`);
    url.searchParams.set('grant_type', 'account_credentials');
    url.searchParams.set('account_id', zoom.accountId);
    const basic = Buffer.from(`${zoom.clientId}:${zoom.clientSecret}`).toString('base64');
    const response = await this.send(url, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
    });
    const body = (await this.readBody(response)) as {
      access_token?: string;
      expires_in?: number;
    } | null;
    if (response.status !== 200 || !body?.access_token) {
      const vendor = vendorMessage(body);
      throw new ZoomProblem(
        `Zoom OAuth refused the credentials (HTTP ${response.status}): ${vendor.message}`,
        { vendor_status: response.status },
      );
    }
    const lifetimeMs = Math.max(0, Number(body.expires_in ?? 3600) * 1000 - TOKEN_EARLY_REFRESH_MS);
    return { value: body.access_token, expiresAt: Date.now() + lifetimeMs };
  }

  private forget(token: string): void {
    if (this.token?.value === token) {
      this.token = null;
    }
  }

  private async send(url: URL, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, {
        ...init,
        redirect: 'error',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? 'timed out' : 'unreachable';
      throw new ZoomProblem(`Zoom is ${reason} (${url.host})`);
    }
  }

  private async readBody(response: Response): Promise<unknown> {
    const text = await response.text().catch(() => '');
    if (!text) {
      return null;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return { message: text.slice(0, 300) };
    }
  }

  private require(): ZoomSettings {
    if (!this.settings) {
      throw new DomainException(503, 'ZOOM_NOT_CONFIGURED', 'Zoom is not configured');
    }
    return this.settings;
  }
}
