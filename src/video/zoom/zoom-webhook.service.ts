import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainException } from '../../common/errors/domain.exception';
import type { AppConfig, VideoSettings } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import { MeetingLifecycleService } from '../../interviews/session/meeting-lifecycle.service';
import { QueueJob } from '../../queue/queue-job.decorator';
import { QueueService } from '../../queue/queue.service';
import { MeetingsRepository } from '../meetings.repository';
import { RecordingsService } from '../recordings.service';
import { ZOOM_WEBHOOK_QUEUE } from '../video.queues';
import type { ZoomWebhookJob } from '../video.queues';
import { checkZoomSignature, urlValidationAnswer } from './zoom-webhook-signature';
import { toRecordedMeeting } from './zoom-video.provider';
import type { ZoomRecordedMeeting } from './zoom-video.provider';
import { ZoomWebhookEventsRepository } from './zoom-webhook-events.repository';

const HANDLED_EVENTS = new Set(['recording.completed', 'meeting.started', 'meeting.ended']);

interface ZoomWebhookBody {
  event?: unknown;
  event_ts?: unknown;
  download_token?: unknown;
  payload?: {
    plainToken?: unknown;
    object?: ZoomRecordedMeeting & { start_time?: string; end_time?: string };
  };
}

export type ZoomWebhookAnswer =
  { plainToken: string; encryptedToken: string } | { status: 'accepted' | 'duplicate' | 'ignored' };

function dateOr(value: unknown, fallback: Date): Date {
  const date = typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : fallback;
}

// Zoom webhooks: verified over the raw bytes, stored once (the raw body's SHA-256 is unique, so
// a replayed delivery is recognised), acknowledged at once and processed by the queue.
@Injectable()
export class ZoomWebhookService {
  private readonly secret: string | null;

  constructor(
    private readonly transactions: Transactions,
    private readonly events: ZoomWebhookEventsRepository,
    private readonly meetings: MeetingsRepository,
    private readonly queue: QueueService,
    private readonly recordings: RecordingsService,
    private readonly lifecycle: MeetingLifecycleService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.secret = config.get<VideoSettings>('video').zoom?.webhookSecret ?? null;
  }

  async receive(
    rawBody: Buffer | undefined,
    signature: string | undefined,
    timestamp: string | undefined,
  ): Promise<ZoomWebhookAnswer> {
    if (!this.secret) {
      throw new DomainException(
        503,
        'ZOOM_WEBHOOKS_NOT_CONFIGURED',
        'Zoom webhooks are not configured',
      );
    }
    const raw = rawBody ?? Buffer.alloc(0);
    const check = checkZoomSignature({ secret: this.secret, signature, timestamp, rawBody: raw });
    if (check !== 'valid') {
      const detail = {
        missing: 'The x-zm-signature and x-zm-request-timestamp headers are required',
        stale: 'The request timestamp is more than 5 minutes away from now',
        mismatch: 'The x-zm-signature does not match the request body',
      }[check];
      throw new DomainException(401, 'INVALID_WEBHOOK_SIGNATURE', detail);
    }
    let body: ZoomWebhookBody;
    try {
      body = JSON.parse(raw.toString('utf8')) as ZoomWebhookBody;
    } catch {
      throw new DomainException(400, 'INVALID_WEBHOOK_BODY', 'The body is not JSON');
    }
    const event = typeof body?.event === 'string' ? body.event : '';
    if (event === 'endpoint.url_validation') {
      const plainToken = body.payload?.plainToken;
      if (typeof plainToken !== 'string' || !plainToken) {
        throw new DomainException(400, 'INVALID_WEBHOOK_BODY', 'payload.plainToken is missing');
      }
      return urlValidationAnswer(this.secret, plainToken);
    }
    if (!HANDLED_EVENTS.has(event)) {
      return { status: 'ignored' };
    }
    const dedupeKey = createHash('sha256').update(raw).digest('hex');
    const accepted = await this.transactions.run(async (manager) => {
      const id = randomUUID();
      const inserted = await this.events.insertOnce(
        manager,
        this.events.build({
          id,
          dedupeKey,
          event,
          meetingExternalId:
            body.payload?.object?.id !== undefined
              ? String(body.payload.object.id).slice(0, 64)
              : null,
          payload: raw.toString('utf8'),
          status: 'pending',
          receivedAt: new Date(),
        }),
      );
      if (!inserted) {
        return false;
      }
      await this.queue.enqueue<ZoomWebhookJob>(ZOOM_WEBHOOK_QUEUE, { event_id: id }, { manager });
      return true;
    });
    return { status: accepted ? 'accepted' : 'duplicate' };
  }

  // The 'video-zoom-webhook' job. The event row is locked and marked processed in the same
  // transaction as its effects, so a retry or a second worker never applies it twice.
  @QueueJob(ZOOM_WEBHOOK_QUEUE, { concurrency: 4 })
  async process({ event_id: id }: ZoomWebhookJob): Promise<void> {
    try {
      await this.transactions.run(async (manager) => {
        const row = await this.events.lock(manager, id);
        if (!row || row.status !== 'pending') {
          return;
        }
        const body = JSON.parse(row.payload) as ZoomWebhookBody;
        const applied = await this.apply(manager, row.event, body);
        await this.events.markHandled(manager, id, applied);
      });
    } catch (error) {
      await this.events.recordError(id, (error as Error).message.slice(0, 500));
      throw error;
    }
  }

  private async apply(manager: EntityManager, event: string, body: ZoomWebhookBody) {
    const object = body.payload?.object;
    if (!object || object.id === undefined) {
      return false;
    }
    const meeting = await this.meetings.lockByExternalId(manager, 'zoom', String(object.id));
    if (!meeting) {
      return false; // a meeting on the Zoom account that is not one of ours
    }
    const eventAt = dateOr(body.event_ts, new Date());
    if (event === 'recording.completed') {
      const token = typeof body.download_token === 'string' ? body.download_token : null;
      await this.recordings.attach(manager, meeting, toRecordedMeeting(object).files, {
        downloadToken: token,
        source: 'webhook',
      });
      return true;
    }
    const startedAt = meeting.startedAt ?? dateOr(object.start_time, eventAt);
    if (event === 'meeting.started') {
      await this.meetings.update(
        meeting.id,
        { startedAt, ...(meeting.status === 'scheduled' ? { status: 'started' as const } : {}) },
        manager,
      );
      await this.lifecycle.meetingStarted(manager, meeting.interviewId, startedAt);
      return true;
    }
    const endedAt = meeting.endedAt ?? dateOr(object.end_time, eventAt);
    await this.meetings.update(
      meeting.id,
      {
        startedAt,
        endedAt,
        ...(meeting.status !== 'cancelled' ? { status: 'ended' as const } : {}),
      },
      manager,
    );
    await this.lifecycle.meetingEnded(manager, meeting.interviewId, startedAt, endedAt);
    return true;
  }
}
