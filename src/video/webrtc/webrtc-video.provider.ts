import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, AppSettings } from '../../config/app-config';
import type {
  MeetingSpec,
  ProviderMeeting,
  ProviderRecordedMeeting,
  VideoProvider,
} from '../video-provider';

export function roomPath(meetingId: string): string {
  return `/api/video/rooms/${meetingId}`;
}

// The built-in room: nothing to call, the room *is* our meeting row. Participants authenticate
// with their own tokens, so there is no passcode; the browser records nothing server-side.
@Injectable()
export class WebRtcVideoProvider implements VideoProvider {
  readonly name = 'webrtc' as const;
  private readonly baseUrl: string;

  constructor(config: ConfigService<AppConfig, true>) {
    this.baseUrl = config.get<AppSettings>('app').publicBaseUrl.replace(/\/+$/, '');
  }

  createMeeting(spec: MeetingSpec): Promise<ProviderMeeting> {
    const url = `${this.baseUrl}${roomPath(spec.meetingId)}`;
    return Promise.resolve({ externalId: null, joinUrl: url, startUrl: url, passcode: null });
  }

  updateMeeting(): Promise<void> {
    return Promise.resolve();
  }

  deleteMeeting(): Promise<void> {
    return Promise.resolve();
  }

  listRecordings(): Promise<ProviderRecordedMeeting[]> {
    return Promise.resolve([]);
  }
}
