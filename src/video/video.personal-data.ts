import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { CryptoService } from '../crypto/crypto.service';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataFile,
  PersonalDataHandler,
  PersonalDataProvider,
  PersonalDataSubject,
  RetentionContext,
} from '../kernel/personal-data/personal-data-handler';
import { QueueService } from '../queue/queue.service';
import { FILE_STORAGE } from '../storage/file-storage';
import type { FileStorage } from '../storage/file-storage';
import { VideoMeeting } from './entities/video-meeting.entity';
import { VideoRecording } from './entities/video-recording.entity';
import { VideoSignal } from './entities/video-signal.entity';
import { VideoTranscriptLine } from './entities/video-transcript-line.entity';
import { ZoomWebhookEvent } from './entities/zoom-webhook-event.entity';
import { ZOOM_ERASURE_QUEUE, ZoomErasureJob } from './video.queues';
import { signalAad } from './webrtc/signal-stream.service';
import { ZoomApiClient } from './zoom/zoom-api.client';

// Meetings of a candidate's interviews with everything hanging off them (recording files,
// transcript, signalling, Zoom webhook copies), and the signalling and transcript lines a user
// sent. Erasure deletes them outright: nothing here is needed for statistics. It runs before the
// interviews handler, whose deletion of practice interviews would otherwise cascade the rows away
// and leave their recording files behind. What Zoom itself still holds (cloud recordings, the
// meeting) is deleted there by a 'video-zoom-erasure' job per meeting, queued in this transaction.
@Injectable()
@PersonalDataProvider()
export class VideoPersonalData implements PersonalDataHandler {
  readonly name = 'video';
  readonly order = -10;
  readonly tables = {
    video_meetings: 'rows',
    video_recordings: 'rows',
    video_signals: 'rows',
    video_transcript_lines: 'rows',
    zoom_webhook_events: 'rows',
  } as const;
  readonly retention = {
    recordings: (context: RetentionContext) => this.purgeRecordings(context),
  };

  private readonly logger = new Logger('VideoPersonalData');

  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly queue: QueueService,
    private readonly zoom: ZoomApiClient,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async export(
    subject: PersonalDataSubject,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonalDataExport> {
    const meetings = await this.meetingsOf(manager, subject);
    const meetingIds = meetings.map((m) => m.id);
    const recordings = meetingIds.length
      ? await manager.find(VideoRecording, {
          where: { meetingId: In(meetingIds) },
          order: { createdAt: 'ASC' },
        })
      : [];
    const lineFilters = [
      ...(meetingIds.length ? [{ meetingId: In(meetingIds) }] : []),
      ...(subject.userId ? [{ speakerId: subject.userId }] : []),
    ];
    const lines = lineFilters.length
      ? await manager.find(VideoTranscriptLine, {
          where: lineFilters,
          order: { spokenAt: 'ASC', id: 'ASC' },
        })
      : [];
    const signals = subject.userId
      ? await manager.find(VideoSignal, {
          where: { senderId: subject.userId },
          order: { createdAt: 'ASC' },
        })
      : [];
    const files: PersonalDataFile[] = [];
    for (const r of recordings) {
      const data = r.storageKey ? await this.storage.get(r.storageKey) : null;
      if (data) {
        const ext = (r.fileExtension ?? 'bin').toLowerCase().replace(/[^a-z0-9]/g, '') || 'bin';
        files.push({
          path: `recordings/${r.id}.${ext}`,
          contentType: 'application/octet-stream',
          data,
        });
      }
    }
    return {
      records: {
        video_meetings: meetings.map((m) => ({
          id: m.id,
          interview_id: m.interviewId,
          provider: m.provider,
          topic: m.topic,
          start_time: m.startTime,
          duration_minutes: m.durationMinutes,
          auto_recording: m.autoRecording,
          status: m.status,
          started_at: m.startedAt,
          ended_at: m.endedAt,
        })),
        video_recordings: recordings.map((r) => ({
          id: r.id,
          meeting_id: r.meetingId,
          file_type: r.fileType,
          recording_start: r.recordingStart,
          recording_end: r.recordingEnd,
          status: r.status,
          stored_bytes: r.storedBytes,
        })),
        video_transcript_lines: lines.map((l) => ({
          id: l.id,
          meeting_id: l.meetingId,
          speaker_role: l.speakerRole,
          spoken_at: l.spokenAt,
          text: l.text,
        })),
        video_signals: signals.map((s) => ({
          id: s.id,
          meeting_id: s.meetingId,
          type: s.type,
          payload: this.crypto.decrypt(s.payloadEncrypted, signalAad(s.id)),
          created_at: s.createdAt,
        })),
      },
      files,
    };
  }

  async erase(subject: PersonalDataSubject, manager: EntityManager): Promise<ErasureCounts> {
    const counts: ErasureCounts = {};
    // Only what erasure needs: it never opens the encrypted columns, so a value that no longer
    // decrypts cannot block it.
    const meetings = await this.meetingsOf(manager, subject, ['id', 'provider', 'externalId']);
    if (meetings.length) {
      const ids = meetings.map((m) => m.id);
      const recordings = await manager.find(VideoRecording, { where: { meetingId: In(ids) } });
      for (const r of recordings) {
        if (r.storageKey) {
          await this.storage.delete(r.storageKey);
        }
      }
      const externalIds = meetings.flatMap((m) => (m.externalId ? [m.externalId] : []));
      if (externalIds.length) {
        const events = await manager.delete(ZoomWebhookEvent, {
          meetingExternalId: In(externalIds),
        });
        counts.zoom_webhook_events = events.affected ?? 0;
      }
      Object.assign(counts, await this.queueZoomErasures(manager, meetings, subject));
      counts.video_recordings = recordings.length;
      // Signals, transcript lines and recordings go with their meeting (ON DELETE CASCADE).
      counts.video_meetings = (await manager.delete(VideoMeeting, { id: In(ids) })).affected ?? 0;
    }
    if (subject.userId) {
      const signals = await manager.delete(VideoSignal, { senderId: subject.userId });
      const lines = await manager.delete(VideoTranscriptLine, { speakerId: subject.userId });
      counts.video_signals = signals.affected ?? 0;
      counts.video_transcript_lines = lines.affected ?? 0;
    }
    return counts;
  }

  // One job per Zoom meeting, in the erasure's transaction: it exists only if the erasure commits,
  // and a rolled-back attempt leaves none behind. Zoom credentials are what make the registry pick
  // Zoom; without them nothing can be reached there, so nothing is queued — only counted and logged.
  private async queueZoomErasures(
    manager: EntityManager,
    meetings: VideoMeeting[],
    subject: PersonalDataSubject,
  ): Promise<ErasureCounts> {
    const atZoom = meetings.filter((m) => m.provider === 'zoom' && m.externalId);
    if (!atZoom.length) {
      return {};
    }
    if (!this.zoom.configured) {
      this.logger.warn(
        `${atZoom.length} erased Zoom meeting(s) not deleted at Zoom: Zoom is not configured`,
      );
      return { zoom_meetings_not_reached: atZoom.length };
    }
    for (const m of atZoom) {
      await this.queue.enqueue<ZoomErasureJob>(
        ZOOM_ERASURE_QUEUE,
        { meeting_id: m.id, external_id: m.externalId!, candidate_id: subject.candidateId },
        { manager },
      );
    }
    return { zoom_meetings_queued: atZoom.length };
  }

  private async meetingsOf(
    manager: EntityManager,
    subject: PersonalDataSubject,
    columns?: (keyof VideoMeeting)[],
  ): Promise<VideoMeeting[]> {
    if (!subject.candidateId) {
      return [];
    }
    const query = manager.getRepository(VideoMeeting).createQueryBuilder('m');
    if (columns) {
      query.select(columns.map((c) => `m.${c}`));
    }
    return query
      .where('m.interview_id IN (SELECT id FROM interviews WHERE candidate_id = :candidateId)', {
        candidateId: subject.candidateId,
      })
      .orderBy('m.created_at', 'ASC')
      .getMany();
  }

  // Recording files older than the cutoff: file first, then its row, a batch per transaction.
  private async purgeRecordings(context: RetentionContext): Promise<number> {
    const due = `created_at < $1 AND storage_key IS NOT NULL`;
    if (context.dryRun) {
      const [row] = await this.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM video_recordings WHERE ${due}`,
        [context.cutoff],
      );
      return row?.n ?? 0;
    }
    let total = 0;
    for (;;) {
      const removed = await this.dataSource.transaction(async (manager) => {
        const rows = await manager.query<{ id: string; storage_key: string }[]>(
          `SELECT id, storage_key FROM video_recordings WHERE ${due}
            ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [context.cutoff, context.batchSize],
        );
        for (const row of rows) {
          await this.storage.delete(row.storage_key);
        }
        if (rows.length) {
          await manager.delete(VideoRecording, { id: In(rows.map((r) => r.id)) });
        }
        return rows.length;
      });
      total += removed;
      if (removed < context.batchSize) {
        return total;
      }
    }
  }
}
