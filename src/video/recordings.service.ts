import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import {
  BadRequestProblem,
  ConflictProblem,
  NotFoundProblem,
} from '../common/errors/domain.exception';
import type { Page } from '../common/pagination/cursor';
import { Transactions } from '../database/transactions';
import { QueueService } from '../queue/queue.service';
import { FILE_STORAGE } from '../storage/file-storage';
import type { FileStorage } from '../storage/file-storage';
import { RecordingQueryDto, RecordingSyncDto } from './dto/meeting.dto';
import type { VideoMeeting } from './entities/video-meeting.entity';
import { MeetingsRepository } from './meetings.repository';
import { presentRecording, RecordingResponse, RecordingSyncResponse } from './recording.presenter';
import { RecordingsRepository } from './recordings.repository';
import type { ProviderRecordingFile } from './video-provider';
import { VideoProviderRegistry } from './video-provider.registry';
import { RECORDING_DOWNLOAD_QUEUE } from './video.queues';
import type { RecordingDownloadJob } from './video.queues';

const DAY_MS = 86_400_000;
const MAX_SYNC_DAYS = 186;
const CONTENT_TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  vtt: 'text/vtt',
  txt: 'text/plain',
  json: 'application/json',
};

// Recording files of meetings: attached from Zoom's recording.completed webhook or from a sync
// of Zoom's recordings listing, then copied into encrypted storage by a queue job.
@Injectable()
export class RecordingsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly recordings: RecordingsRepository,
    private readonly meetings: MeetingsRepository,
    private readonly queue: QueueService,
    private readonly providers: VideoProviderRegistry,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  // In the caller's transaction; a file already attached (same meeting, same vendor file id) is
  // skipped, so webhook retries and repeated syncs never duplicate a recording or a download.
  async attach(
    manager: EntityManager,
    meeting: VideoMeeting,
    files: ProviderRecordingFile[],
    options: { downloadToken: string | null; source: 'webhook' | 'sync' },
  ): Promise<number> {
    let added = 0;
    for (const file of files) {
      const id = randomUUID();
      const inserted = await this.recordings.insertOnce(manager, {
        id,
        meetingId: meeting.id,
        interviewId: meeting.interviewId,
        externalFileId: file.externalFileId,
        recordingType: file.recordingType,
        fileType: file.fileType,
        fileExtension: file.fileExtension,
        fileSize: file.fileSize,
        recordingStart: file.recordingStart,
        recordingEnd: file.recordingEnd,
        downloadUrl: file.downloadUrl,
        downloadToken: options.downloadToken,
        status: file.downloadUrl ? 'pending' : 'failed',
        lastError: file.downloadUrl ? null : 'The provider gave no download URL',
        source: options.source,
        createdAt: new Date(),
      });
      if (!inserted) {
        continue;
      }
      added += 1;
      if (file.downloadUrl) {
        await this.queue.enqueue<RecordingDownloadJob>(
          RECORDING_DOWNLOAD_QUEUE,
          { recording_id: id },
          { manager },
        );
      }
    }
    return added;
  }

  async list(query: RecordingQueryDto): Promise<Page<RecordingResponse>> {
    return this.recordings.page(
      { interviewId: query.interview_id, meetingId: query.meeting_id },
      query,
      presentRecording,
    );
  }

  async download(id: string): Promise<{ stream: Readable; filename: string; contentType: string }> {
    const recording = await this.recordings.findById(id);
    if (!recording) {
      throw new NotFoundProblem('Recording');
    }
    const stream =
      recording.status === 'stored' && recording.storageKey
        ? await this.storage.getStream(recording.storageKey)
        : null;
    if (!stream) {
      throw new ConflictProblem(
        'RECORDING_NOT_STORED',
        `The recording is ${recording.status}; it can be downloaded once stored`,
      );
    }
    // Only server-chosen, sanitised parts in the file name.
    const ext = (recording.fileExtension ?? 'bin').toLowerCase().replace(/[^a-z0-9]/g, '') || 'bin';
    return {
      stream,
      filename: `recording-${recording.id}.${ext}`,
      contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
    };
  }

  // Pulls the provider's listing (Zoom: one-month windows, every page) and attaches the files of
  // meetings that belong to our interviews. Files of other meetings on the account are ignored.
  async syncFromProvider(dto: RecordingSyncDto): Promise<RecordingSyncResponse> {
    const to = dto.to ? new Date(dto.to) : new Date();
    const from = dto.from ? new Date(dto.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from > to || to.getTime() - from.getTime() > MAX_SYNC_DAYS * DAY_MS) {
      throw new BadRequestProblem(
        'INVALID_SYNC_RANGE',
        `from must be before to, at most ${MAX_SYNC_DAYS} days apart`,
        [{ field: 'from', message: 'from must be before to and within range' }],
      );
    }
    const provider = this.providers.recordingSource;
    const listed = await provider.listRecordings(from, to);
    const ids = [...new Set(listed.map((m) => m.externalId))];
    const meetings = ids.length ? await this.meetings.listByExternalIds(provider.name, ids) : [];
    const byExternal = new Map(meetings.map((m) => [m.externalId, m]));
    let matched = 0;
    let added = 0;
    await this.transactions.run(async (manager) => {
      for (const recorded of listed) {
        const meeting = byExternal.get(recorded.externalId);
        if (!meeting) {
          continue;
        }
        matched += 1;
        added += await this.attach(manager, meeting, recorded.files, {
          downloadToken: null,
          source: 'sync',
        });
      }
    });
    return {
      from: from.toISOString().slice(0, 10),
      to: to.toISOString().slice(0, 10),
      meetings_listed: listed.length,
      meetings_matched: matched,
      recordings_added: added,
    };
  }
}
