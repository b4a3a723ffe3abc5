import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  ForeignKey,
} from 'typeorm';
import { EncryptedColumn } from '../../crypto/encrypted-column';
import { VideoMeeting } from './video-meeting.entity';

export const RECORDING_STATUSES = ['pending', 'stored', 'failed'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

const bigintNumber = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v == null ? null : Number(v)),
};

// One recording file of a meeting (Zoom sends several per meeting: video, audio, transcript…).
// The vendor's download URL and short-lived token are kept encrypted until the file is copied
// into encrypted storage; the token is cleared once it is.
@Entity({ name: 'video_recordings' })
@Index('ix_video_recordings_created', ['createdAt', 'id'])
@Index('ix_video_recordings_interview', ['interviewId'])
@Index('uq_video_recordings_file', ['meetingId', 'externalFileId'], { unique: true })
export class VideoRecording {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  meetingId: string;

  @ManyToOne(() => VideoMeeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_video_recordings_meeting' })
  meeting?: VideoMeeting;

  @Column('uuid')
  @ForeignKey('Interview', { name: 'fk_video_recordings_interview', onDelete: 'CASCADE' })
  interviewId: string;

  @Column({ type: 'varchar', length: 128 })
  externalFileId: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  recordingType: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fileType: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  fileExtension: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber })
  fileSize: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  recordingStart: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  recordingEnd: Date | null;

  // Sealed and opened by EncryptedColumnsSubscriber (AAD video_recordings.<column>.<id>).
  @EncryptedColumn()
  downloadUrl: string | null;

  @EncryptedColumn()
  downloadToken: string | null;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: RecordingStatus;

  @Column({ type: 'varchar', length: 100, nullable: true })
  storageKey: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber })
  storedBytes: number | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'varchar', length: 10 })
  source: 'webhook' | 'sync';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
