import type { VideoProviderName } from './entities/video-meeting.entity';

export interface MeetingSpec {
  // Our meeting id, known before the vendor is called (the WebRTC room is addressed by it).
  meetingId: string;
  topic: string;
  startTime: Date;
  durationMinutes: number;
  // Zoom records to the cloud only when the candidate consented to recording.
  record: boolean;
}

export interface ProviderMeeting {
  externalId: string | null;
  joinUrl: string;
  startUrl: string | null;
  passcode: string | null;
}

export interface ProviderRecordingFile {
  externalFileId: string;
  recordingType: string | null;
  fileType: string | null;
  fileExtension: string | null;
  fileSize: number | null;
  recordingStart: Date | null;
  recordingEnd: Date | null;
  downloadUrl: string | null;
}

export interface ProviderRecordedMeeting {
  externalId: string;
  files: ProviderRecordingFile[];
}

// The port every video vendor implements (ARCHITECTURE.md "Ports for vendors"): Zoom, or the
// built-in WebRTC room. Which one runs is configuration; MeetingsService never branches on it.
export interface VideoProvider {
  readonly name: VideoProviderName;
  createMeeting(spec: MeetingSpec): Promise<ProviderMeeting>;
  updateMeeting(
    externalId: string | null,
    change: Pick<MeetingSpec, 'startTime' | 'durationMinutes' | 'record'>,
  ): Promise<void>;
  deleteMeeting(externalId: string | null): Promise<void>;
  // Recorded meetings between two dates (inclusive, UTC days); empty for providers that keep none.
  listRecordings(from: Date, to: Date): Promise<ProviderRecordedMeeting[]>;
}
