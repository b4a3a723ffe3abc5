import { ApiProperty } from '@nestjs/swagger';
import { RECORDING_STATUSES } from './entities/video-recording.entity';
import type { RecordingStatus, VideoRecording } from './entities/video-recording.entity';

export class RecordingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meeting_id: string;
  @ApiProperty({ format: 'uuid' }) interview_id: string;
  @ApiProperty({ description: "The vendor's file id" }) external_file_id: string;
  @ApiProperty({ nullable: true, type: String, example: 'shared_screen_with_speaker_view' })
  recording_type: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'MP4' }) file_type: string | null;
  @ApiProperty({ nullable: true, type: String }) file_extension: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Bytes, as reported by the vendor' })
  file_size: number | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  recording_start: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) recording_end: string | null;
  @ApiProperty({
    enum: RECORDING_STATUSES,
    description: 'pending: being copied into encrypted storage; stored: downloadable here',
  })
  status: RecordingStatus;
  @ApiProperty({ nullable: true, type: Number }) stored_bytes: number | null;
  @ApiProperty({ nullable: true, type: String }) last_error: string | null;
  @ApiProperty({ enum: ['webhook', 'sync'] }) source: 'webhook' | 'sync';
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class RecordingPageResponse {
  @ApiProperty({ type: [RecordingResponse] }) items: RecordingResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

export class RecordingSyncResponse {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ description: 'Recorded meetings the provider listed' }) meetings_listed: number;
  @ApiProperty({ description: 'Of those, meetings that belong to a Panelist interview' })
  meetings_matched: number;
  @ApiProperty({ description: 'New recording files attached (and queued for download)' })
  recordings_added: number;
}

export function presentRecording(r: VideoRecording): RecordingResponse {
  return {
    id: r.id,
    meeting_id: r.meetingId,
    interview_id: r.interviewId,
    external_file_id: r.externalFileId,
    recording_type: r.recordingType,
    file_type: r.fileType,
    file_extension: r.fileExtension,
    file_size: r.fileSize,
    recording_start: r.recordingStart?.toISOString() ?? null,
    recording_end: r.recordingEnd?.toISOString() ?? null,
    status: r.status,
    stored_bytes: r.storedBytes,
    last_error: r.lastError,
    source: r.source,
    created_at: r.createdAt.toISOString(),
  };
}
