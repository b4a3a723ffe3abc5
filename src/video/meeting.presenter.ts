import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEETING_STATUSES, VIDEO_PROVIDERS } from './entities/video-meeting.entity';
import type {
  MeetingStatus,
  VideoMeeting,
  VideoProviderName,
} from './entities/video-meeting.entity';

export class MeetingResponse {
  @ApiProperty({ format: 'uuid', description: 'Also the room id of a WebRTC meeting' }) id: string;
  @ApiProperty({ format: 'uuid' }) interview_id: string;
  @ApiProperty({ enum: VIDEO_PROVIDERS }) provider: VideoProviderName;
  @ApiProperty({ nullable: true, type: String, description: 'Zoom meeting id; null for WebRTC' })
  external_id: string | null;
  @ApiProperty() topic: string;
  @ApiProperty({ description: 'Zoom join link, or the WebRTC room URL' }) join_url: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Host link (carries a host token); recruiter+ only, never sent to candidates',
  })
  start_url?: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null for WebRTC rooms' })
  passcode: string | null;
  @ApiProperty({ format: 'date-time' }) start_time: string;
  @ApiProperty() duration_minutes: number;
  @ApiProperty({ enum: ['cloud', 'none'] }) auto_recording: 'cloud' | 'none';
  @ApiProperty({ enum: MEETING_STATUSES }) status: MeetingStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) started_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) ended_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class MeetingPageResponse {
  @ApiProperty({ type: [MeetingResponse] }) items: MeetingResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

export function presentMeeting(meeting: VideoMeeting, forStaff: boolean): MeetingResponse {
  const response: MeetingResponse = {
    id: meeting.id,
    interview_id: meeting.interviewId,
    provider: meeting.provider,
    external_id: meeting.externalId,
    topic: meeting.topic,
    join_url: meeting.joinUrl,
    passcode: meeting.passcode,
    start_time: meeting.startTime.toISOString(),
    duration_minutes: meeting.durationMinutes,
    auto_recording: meeting.autoRecording,
    status: meeting.status,
    started_at: meeting.startedAt?.toISOString() ?? null,
    ended_at: meeting.endedAt?.toISOString() ?? null,
    created_at: meeting.createdAt.toISOString(),
  };
  if (forStaff) {
    response.start_url = meeting.startUrl;
  }
  return response;
}
