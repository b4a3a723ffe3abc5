import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  ForeignKey,
} from 'typeorm';
import { EncryptedColumn } from '../../crypto/encrypted-column';

export const VIDEO_PROVIDERS = ['zoom', 'webrtc'] as const;
export type VideoProviderName = (typeof VIDEO_PROVIDERS)[number];
export const MEETING_STATUSES = ['scheduled', 'started', 'ended', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

// One video meeting for one interview: a Zoom meeting, or a built-in WebRTC room (whose id is the
// room id). Links, passcode and topic are encrypted (a Zoom start_url carries a host token).
// `last_signal_seq` numbers a room's signalling messages; bumping it row-locks the room, so
// sequence order is commit order and `seq > last seen` never skips a message.
@Entity({ name: 'video_meetings' })
@Index('ix_video_meetings_created', ['createdAt', 'id'])
@Index('ix_video_meetings_interview', ['interviewId'])
@Index('uq_video_meetings_active_interview', ['interviewId'], {
  unique: true,
  where: `status <> 'cancelled'`,
})
@Index('uq_video_meetings_external', ['provider', 'externalId'], {
  unique: true,
  where: 'external_id IS NOT NULL',
})
export class VideoMeeting {
  @PrimaryColumn('uuid')
  id: string;

  // An interview of the interviews module (the foreign key stays in the database).
  @Column('uuid')
  @ForeignKey('Interview', { name: 'fk_video_meetings_interview', onDelete: 'CASCADE' })
  interviewId: string;

  @Column({ type: 'varchar', length: 10 })
  provider: VideoProviderName;

  @Column({ type: 'varchar', length: 64, nullable: true })
  externalId: string | null;

  // Sealed and opened by EncryptedColumnsSubscriber (AAD video_meetings.<column>.<id>).
  @EncryptedColumn({ nullable: false })
  topic: string;

  @EncryptedColumn({ nullable: false })
  joinUrl: string;

  @EncryptedColumn()
  startUrl: string | null;

  @EncryptedColumn()
  passcode: string | null;

  @Column({ type: 'timestamptz' })
  startTime: Date;

  @Column({ type: 'integer' })
  durationMinutes: number;

  // 'cloud' only when the candidate consented to recording when the meeting was last synced.
  @Column({ type: 'varchar', length: 10, default: 'none' })
  autoRecording: 'cloud' | 'none';

  @Column({ type: 'varchar', length: 12, default: 'scheduled' })
  status: MeetingStatus;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  lastSignalSeq: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  syncError: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_video_meetings_created_by', onDelete: 'SET NULL' })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
