import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import { InterviewLookupService } from '../interviews/interview-lookup.service';
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
import type { VideoMeeting } from './entities/video-meeting.entity';
import { MeetingsRepository } from './meetings.repository';
import { RecordingsRepository } from './recordings.repository';
import { ZOOM_ERASURE_QUEUE, ZoomErasureJob } from './video.queues';
import { RoomSignalsRepository } from './webrtc/room-signals.repository';
import { ZoomApiClient } from './zoom/zoom-api.client';
import { ZoomWebhookEventsRepository } from './zoom/zoom-webhook-events.repository';

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
    private readonly transactions: Transactions,
    private readonly meetings: MeetingsRepository,
    private readonly recordings: RecordingsRepository,
    private readonly signals: RoomSignalsRepository,
    private readonly zoomEvents: ZoomWebhookEventsRepository,
    private readonly interviews: InterviewLookupService,
    private readonly queue: QueueService,
    private readonly zoom: ZoomApiClient,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async export(
    subject: PersonalDataSubject,
    manager: EntityManager = this.transactions.manager,
  ): Promise<PersonalDataExport> {
    const meetings = await this.meetingsOf(manager, subject);
    const meetingIds = meetings.map((m) => m.id);
    const recordings = await this.recordings.listForMeetings(manager, meetingIds);
    const lines = await this.signals.listTranscriptLines(manager, {
      meetingIds,
      speakerId: subject.userId,
    });
    const signals = subject.userId ? await this.signals.listSentBy(manager, subject.userId) : [];
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
          payload: s.payload,
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
      const recordings = await this.recordings.listForMeetings(manager, ids);
      for (const r of recordings) {
        if (r.storageKey) {
          await this.storage.delete(r.storageKey);
        }
      }
      const externalIds = meetings.flatMap((m) => (m.externalId ? [m.externalId] : []));
      if (externalIds.length) {
        counts.zoom_webhook_events = await this.zoomEvents.deleteForMeetings(manager, externalIds);
      }
      Object.assign(counts, await this.queueZoomErasures(manager, meetings, subject));
      counts.video_recordings = recordings.length;
      // Signals, transcript lines and recordings go with their meeting (ON DELETE CASCADE).
      counts.video_meetings = await this.meetings.deleteByIds(manager, ids);
    }
    if (subject.userId) {
      counts.video_signals = await this.signals.deleteSentBy(manager, subject.userId);
      counts.video_transcript_lines = await this.signals.deleteTranscriptLinesOf(
        manager,
        subject.userId,
      );
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
    const interviewIds = await this.interviews.interviewIdsOfCandidate(subject.candidateId, manager);
    return this.meetings.listForInterviews(manager, interviewIds, columns);
  }

  // Recording files older than the cutoff: file first, then its row, a batch per transaction.
  private async purgeRecordings(context: RetentionContext): Promise<number> {
    if (context.dryRun) {
      return this.recordings.countStoredBefore(context.cutoff);
    }
    let total = 0;
    for (;;) {
      const removed = await this.transactions.run(async (manager) => {
        const rows = await this.recordings.lockStoredBefore(
          manager,
          context.cutoff,
          context.batchSize,
        );
        for (const row of rows) {
          await this.storage.delete(row.storage_key);
        }
        await this.recordings.deleteByIds(
          manager,
          rows.map((r) => r.id),
        );
        return rows.length;
      });
      total += removed;
      if (removed < context.batchSize) {
        return total;
      }
    }
  }
}
