import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { Job } from 'pg-boss';
import { AuditService } from '../../audit/audit.service';
import { Transactions } from '../../database/transactions';
import { QueueJob } from '../../queue/queue-job.decorator';
import { FILE_STORAGE } from '../../storage/file-storage';
import type { FileStorage } from '../../storage/file-storage';
import { RecordingsRepository } from '../recordings.repository';
import { RECORDING_DOWNLOAD_QUEUE } from '../video.queues';
import type { RecordingDownloadJob } from '../video.queues';
import { ZoomApiClient } from './zoom-api.client';

// FileStorage takes whole buffers; a bound keeps one job from exhausting the worker's memory.
const MAX_RECORDING_BYTES = 512 * 1024 * 1024;
const MAX_REDIRECTS = 3;
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
export const RECORDING_DOWNLOAD_RETRIES = 5;

class PermanentDownloadError extends Error {}

// SSRF guard: a download URL (from a signed webhook or Zoom's API, but still data) may only point
// at the configured Zoom API host or at Zoom's own https domains — never anywhere else.
export function isAllowedRecordingUrl(url: URL, apiBase: URL): boolean {
  if (url.username || url.password) {
    return false;
  }
  if (url.protocol === apiBase.protocol && url.host === apiBase.host) {
    return true;
  }
  const host = url.hostname.toLowerCase();
  return url.protocol === 'https:' && (host === 'zoom.us' || host.endsWith('.zoom.us'));
}

// The body as a stream for the store, failing (and so aborting the store's write) past the cap.
async function capped(response: Response): Promise<Readable> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_RECORDING_BYTES) {
    await response.body?.cancel();
    throw new PermanentDownloadError(`The file is larger than ${MAX_RECORDING_BYTES} bytes`);
  }
  const body = response.body;
  return Readable.from(
    (async function* () {
      let total = 0;
      for await (const chunk of body ?? []) {
        total += (chunk as Uint8Array).length;
        if (total > MAX_RECORDING_BYTES) {
          throw new PermanentDownloadError(`The file is larger than ${MAX_RECORDING_BYTES} bytes`);
        }
        yield Buffer.from(chunk as Uint8Array);
      }
    })(),
  );
}

// The 'video-recording-download' job: copies one recording file from Zoom into encrypted storage.
// Idempotent (only a pending recording is fetched; the final update is conditional), retried
// with back-off, and a failure that cannot get better (bad host, too large, 404) is final at once.
@Injectable()
export class ZoomRecordingDownloader {
  constructor(
    private readonly transactions: Transactions,
    private readonly recordings: RecordingsRepository,
    private readonly zoom: ZoomApiClient,
    private readonly audit: AuditService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  @QueueJob(RECORDING_DOWNLOAD_QUEUE, {
    options: {
      retryLimit: RECORDING_DOWNLOAD_RETRIES,
      retryDelay: 30,
      retryBackoff: true,
      retryDelayMax: 3600,
      expireInSeconds: 1800,
    },
  })
  async download({ recording_id: id }: RecordingDownloadJob, job: Job<unknown>): Promise<void> {
    const recording = await this.recordings.findWithoutLink(id);
    if (!recording || recording.status !== 'pending') {
      return;
    }
    try {
      // Opened here, so a link that no longer decrypts fails the attempt like any other error.
      const body = await this.fetchFile(await this.recordings.downloadLink(id));
      const key = this.storage.newKey('recording');
      // Streamed from Zoom into the store, encrypted on the way: never whole in memory.
      const bytes = await this.storage.putStream(key, body);
      const won = await this.transactions.run(async (manager) => {
        const stored = await this.recordings.markStored(manager, id, {
          storageKey: key,
          storedBytes: bytes,
        });
        if (!stored) {
          return false;
        }
        await this.audit.record(manager, {
          action: 'video.recording_stored',
          targetType: 'interview',
          targetId: recording.interviewId,
          metadata: { recording_id: id, bytes },
        });
        return true;
      });
      if (!won) {
        await this.storage.delete(key);
      }
    } catch (error) {
      const final =
        error instanceof PermanentDownloadError || job.retryCount >= RECORDING_DOWNLOAD_RETRIES;
      await this.recordings.recordFailedAttempt(id, (error as Error).message.slice(0, 500), final);
      if (!final) {
        throw error;
      }
    }
  }

  private async fetchFile(link: {
    downloadUrl: string | null;
    downloadToken: string | null;
  }): Promise<Readable> {
    if (!this.zoom.configured) {
      throw new PermanentDownloadError('Zoom is not configured');
    }
    const raw = link.downloadUrl;
    if (!raw) {
      throw new PermanentDownloadError('No download URL');
    }
    // The webhook's download_token when there is one, else the account's API token.
    const token = link.downloadToken ?? (await this.zoom.accessToken());
    const apiBase = this.zoom.apiBaseUrl;
    let url = new URL(raw);
    let sendToken = true;
    for (let hop = 0; ; hop += 1) {
      if (!isAllowedRecordingUrl(url, apiBase)) {
        throw new PermanentDownloadError(`Refusing to download from ${url.host}`);
      }
      const response = await fetch(url, {
        headers: sendToken ? { authorization: `Bearer ${token}` } : {},
        redirect: 'manual',
        signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (hop >= MAX_REDIRECTS) {
          throw new PermanentDownloadError('Too many redirects');
        }
        const next = new URL(location, url);
        // A redirect to another host (Zoom's CDN) is pre-signed: the token stays with Zoom's API.
        sendToken = sendToken && next.host === url.host;
        url = next;
        continue;
      }
      if (response.status === 404 || response.status === 410) {
        await response.body?.cancel();
        throw new PermanentDownloadError(`Zoom answered ${response.status} for the file`);
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`Zoom answered ${response.status} for the file`);
      }
      return capped(response);
    }
  }
}
