import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DomainException } from '../../common/errors/domain.exception';
import type {
  MeetingSpec,
  ProviderMeeting,
  ProviderRecordedMeeting,
  VideoProvider,
} from '../video-provider';
import { ZoomApiClient } from './zoom-api.client';

// Zoom's limits: passcodes up to 10 characters; recordings listed at most one month at a time.
const PASSCODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const PASSCODE_LENGTH = 10;
const RECORDINGS_PAGE_SIZE = 300;
const MAX_PAGES_PER_WINDOW = 50;

interface ZoomMeetingBody {
  id: number | string;
  join_url: string;
  start_url?: string;
  password?: string;
}

interface ZoomRecordingFile {
  id?: string;
  recording_type?: string;
  file_type?: string;
  file_extension?: string;
  file_size?: number;
  recording_start?: string;
  recording_end?: string;
  download_url?: string;
}

export interface ZoomRecordedMeeting {
  id: number | string;
  recording_files?: ZoomRecordingFile[];
}

interface ZoomRecordingsPage {
  next_page_token?: string;
  meetings?: ZoomRecordedMeeting[];
}

export function generatePasscode(): string {
  let out = '';
  for (let i = 0; i < PASSCODE_LENGTH; i += 1) {
    out += PASSCODE_ALPHABET[randomInt(PASSCODE_ALPHABET.length)];
  }
  return out;
}

// Zoom wants `yyyy-MM-ddTHH:mm:ssZ` for UTC start times (no milliseconds).
export function zoomTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// [from, to] cut into windows of at most one calendar month, each inclusive of its days.
export function monthWindows(from: Date, to: Date): { from: string; to: string }[] {
  const windows: { from: string; to: string }[] = [];
  let start = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  const end = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate()));
  while (start <= end) {
    const next = new Date(start);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const last = new Date(Math.min(next.getTime() - 86_400_000, end.getTime()));
    windows.push({ from: day(start), to: day(last) });
    start = new Date(last.getTime() + 86_400_000);
  }
  return windows;
}

export function toRecordedMeeting(meeting: ZoomRecordedMeeting): ProviderRecordedMeeting {
  return {
    externalId: String(meeting.id),
    files: (meeting.recording_files ?? [])
      .filter((f) => typeof f.id === 'string' && f.id.length > 0)
      .map((f) => ({
        externalFileId: f.id!.slice(0, 128),
        recordingType: f.recording_type?.slice(0, 60) ?? null,
        fileType: f.file_type?.slice(0, 20) ?? null,
        fileExtension: f.file_extension?.slice(0, 10) ?? null,
        fileSize: typeof f.file_size === 'number' ? f.file_size : null,
        recordingStart: f.recording_start ? new Date(f.recording_start) : null,
        recordingEnd: f.recording_end ? new Date(f.recording_end) : null,
        downloadUrl: f.download_url ?? null,
      })),
  };
}

@Injectable()
export class ZoomVideoProvider implements VideoProvider {
  readonly name = 'zoom' as const;

  constructor(private readonly zoom: ZoomApiClient) {}

  // Scheduled meeting (type 2) hosted by the account's API user ('me'); waiting room on, nobody
  // joins before the host, cloud recording only with the candidate's consent.
  async createMeeting(spec: MeetingSpec): Promise<ProviderMeeting> {
    const passcode = generatePasscode();
    const { body } = await this.zoom.request<ZoomMeetingBody>('POST', '/users/me/meetings', {
      body: {
        topic: spec.topic,
        type: 2,
        start_time: zoomTime(spec.startTime),
        duration: spec.durationMinutes,
        timezone: 'UTC',
        password: passcode,
        settings: {
          waiting_room: true,
          join_before_host: false,
          auto_recording: spec.record ? 'cloud' : 'none',
        },
      },
    });
    if (!body || body.id === undefined || !body.join_url) {
      throw new DomainException(502, 'VIDEO_PROVIDER_ERROR', 'Zoom returned no meeting');
    }
    return {
      externalId: String(body.id),
      joinUrl: body.join_url,
      startUrl: body.start_url ?? null,
      passcode: body.password ?? passcode,
    };
  }

  async updateMeeting(
    externalId: string | null,
    change: Pick<MeetingSpec, 'startTime' | 'durationMinutes' | 'record'>,
  ): Promise<void> {
    await this.zoom.request('PATCH', `/meetings/${encodeURIComponent(this.idOf(externalId))}`, {
      body: {
        start_time: zoomTime(change.startTime),
        duration: change.durationMinutes,
        timezone: 'UTC',
        settings: { auto_recording: change.record ? 'cloud' : 'none' },
      },
    });
  }

  async deleteMeeting(externalId: string | null): Promise<void> {
    try {
      await this.zoom.request('DELETE', `/meetings/${encodeURIComponent(this.idOf(externalId))}`);
    } catch (error) {
      // Already gone at Zoom (deleted there by hand): the outcome we wanted.
      if (error instanceof DomainException && error.extra.vendor_status === 404) {
        return;
      }
      throw error;
    }
  }

  async listRecordings(from: Date, to: Date): Promise<ProviderRecordedMeeting[]> {
    const meetings: ProviderRecordedMeeting[] = [];
    for (const window of monthWindows(from, to)) {
      let pageToken: string | undefined;
      for (let page = 0; page < MAX_PAGES_PER_WINDOW; page += 1) {
        const { body } = await this.zoom.request<ZoomRecordingsPage>(
          'GET',
          '/users/me/recordings',
          {
            query: {
              from: window.from,
              to: window.to,
              page_size: RECORDINGS_PAGE_SIZE,
              next_page_token: pageToken,
            },
          },
        );
        meetings.push(...(body?.meetings ?? []).map(toRecordedMeeting));
        pageToken = body?.next_page_token || undefined;
        if (!pageToken) {
          break;
        }
      }
    }
    return meetings;
  }

  private idOf(externalId: string | null): string {
    if (!externalId) {
      throw new DomainException(500, 'MEETING_WITHOUT_EXTERNAL_ID', 'The meeting has no Zoom id');
    }
    return externalId;
  }
}
