import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainException } from '../../common/errors/domain.exception';
import type { AppConfig, VideoSettings } from '../../config/app-config';
import { CryptoService } from '../../crypto/crypto.service';
import { MeetingLifecycleService } from '../../interviews/session/meeting-lifecycle.service';
import { QueueService } from '../../queue/queue.service';
import { VideoMeeting } from '../entities/video-meeting.entity';
import { ZoomWebhookEvent } from '../entities/zoom-webhook-event.entity';
import { RecordingsService } from '../recordings.service';
import { ZOOM_WEBHOOK_QUEUE } from '../video.queues';
import type { ZoomWebhookJob } from '../video.queues';
import { checkZoomSignature, urlValidationAnswer } from './zoom-webhook-signature';
import { toRecordedMeeting } from './zoom-video.provider';
import type { ZoomRecordedMeeting } from './zoom-video.provider';

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

function eventAad(id: string): string {
  return CryptoService.fieldAad('zoom_webhook_events', 'payload', id);
}

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
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
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
    const accepted = await this.dataSource.transaction(async (manager) => {
      const id = randomUUID();
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(ZoomWebhookEvent)
        .values({
          id,
          dedupeKey,
          event,
          meetingExternalId:
            body.payload?.object?.id !== undefined
              ? String(body.payload.object.id).slice(0, 64)
              : null,
          payloadEncrypted: this.crypto.encrypt(raw.toString('utf8'), eventAad(id)),
          status: 'pending',
          receivedAt: new Date(),
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      if ((inserted.raw as unknown[]).length === 0) {
        return false;
      }
      await this.queue.enqueue<ZoomWebhookJob>(ZOOM_WEBHOOK_QUEUE, { event_id: id }, { manager });
      return true;
    });
    return { status: accepted ? 'accepted' : 'duplicate' };
  }

  // The 'video-zoom-webhook' job. The event row is locked and marked processed in the same
  // transaction as its effects, so a retry or a second worker never applies it twice.
  async process({ event_id: id }: ZoomWebhookJob): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const row = await manager
          .getRepository(ZoomWebhookEvent)
          .createQueryBuilder('e')
          .setLock('pessimistic_write')
          .where('e.id = :id', { id })
          .getOne();
        if (!row || row.status !== 'pending') {
          return;
        }
        const body = JSON.parse(this.crypto.decrypt(row.payloadEncrypted, eventAad(id)));
        const applied = await this.apply(manager, row.event, body as ZoomWebhookBody);
        await manager.update(
          ZoomWebhookEvent,
          { id },
          { status: applied ? 'processed' : 'ignored', processedAt: new Date(), lastError: null },
        );
      });
    } catch (error) {
      await this.dataSource
        .getRepository(ZoomWebhookEvent)
        .update({ id }, { lastError: (error as Error).message.slice(0, 500) });
      throw error;
    }
  }

  private async apply(manager: EntityManager, event: string, body: ZoomWebhookBody) {
    const object = body.payload?.object;
    if (!object || object.id === undefined) {
      return false;
    }
    const meeting = await manager
      .getRepository(VideoMeeting)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.provider = :provider AND m.external_id = :externalId', {
        provider: 'zoom',
        externalId: String(object.id),
      })
      .getOne();
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
      await manager.update(
        VideoMeeting,
        { id: meeting.id },
        { startedAt, ...(meeting.status === 'scheduled' ? { status: 'started' as const } : {}) },
      );
      await this.lifecycle.meetingStarted(manager, meeting.interviewId, startedAt);
      return true;
    }
    const endedAt = meeting.endedAt ?? dateOr(object.end_time, eventAt);
    await manager.update(
      VideoMeeting,
      { id: meeting.id },
      {
        startedAt,
        endedAt,
        ...(meeting.status !== 'cancelled' ? { status: 'ended' as const } : {}),
      },
    );
    await this.lifecycle.meetingEnded(manager, meeting.interviewId, startedAt, endedAt);
    return true;
  }
}
