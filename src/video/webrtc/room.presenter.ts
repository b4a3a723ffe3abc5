import { ApiProperty } from '@nestjs/swagger';
import { MEETING_STATUSES } from '../entities/video-meeting.entity';
import type { MeetingStatus } from '../entities/video-meeting.entity';
import { SIGNAL_TYPES } from '../entities/video-signal.entity';
import type { SignalType } from '../entities/video-signal.entity';

export class RoomResponse {
  @ApiProperty({ format: 'uuid', description: 'The room id (= the meeting id)' }) id: string;
  @ApiProperty({ format: 'uuid' }) interview_id: string;
  @ApiProperty({ enum: MEETING_STATUSES }) status: MeetingStatus;
  @ApiProperty({ format: 'date-time' }) start_time: string;
  @ApiProperty() duration_minutes: number;
  @ApiProperty({ enum: ['candidate', 'staff'], description: 'Your side of the call' })
  role: 'candidate' | 'staff';
  @ApiProperty() ice_servers_url: string;
  @ApiProperty() signal_url: string;
  @ApiProperty() transcript_url: string;
}

export class IceServerResponse {
  @ApiProperty({ type: [String], example: ['turn:turn.example.com:3478?transport=udp'] })
  urls: string[];
  @ApiProperty({ example: '1767225600:Zk3n0c2v9XbqY1mWl8aQpA', description: 'expiry:opaque user' })
  username: string;
  @ApiProperty({ description: 'base64(HMAC-SHA1(TURN_SECRET, username))' }) credential: string;
}

export class SignalReceipt {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: "The room's sequence number; the SSE event id" }) seq: number;
  @ApiProperty({ enum: SIGNAL_TYPES }) type: SignalType;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class TranscriptReceipt {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) room_id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['candidate', 'staff'] }) speaker_role: 'candidate' | 'staff';
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class TranscriptLineResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['candidate', 'staff'] }) speaker_role: 'candidate' | 'staff';
  @ApiProperty() text: string;
}

export class TranscriptPageResponse {
  @ApiProperty({ type: [TranscriptLineResponse] }) items: TranscriptLineResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}
