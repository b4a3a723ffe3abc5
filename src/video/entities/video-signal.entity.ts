import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  ForeignKey,
} from 'typeorm';
import { EncryptedColumn } from '../../crypto/encrypted-column';
import { VideoMeeting } from './video-meeting.entity';

export const SIGNAL_TYPES = ['offer', 'answer', 'ice-candidate'] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

// A WebRTC signalling message in a room: the source of truth that every API instance replays
// from (NOTIFY only says "room X has something new"). The payload (SDP, ICE candidates with
// IP addresses) is encrypted.
@Entity({ name: 'video_signals' })
@Index('uq_video_signals_seq', ['meetingId', 'seq'], { unique: true })
@Index('ix_video_signals_created', ['createdAt'])
export class VideoSignal {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  meetingId: string;

  @ManyToOne(() => VideoMeeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_video_signals_meeting' })
  meeting?: VideoMeeting;

  @Column({ type: 'integer' })
  seq: number;

  @Column('uuid')
  @ForeignKey('User', { name: 'fk_video_signals_sender', onDelete: 'CASCADE' })
  senderId: string;

  @Column({ type: 'varchar', length: 10 })
  senderRole: 'candidate' | 'staff';

  @Column({ type: 'varchar', length: 16 })
  type: SignalType;

  // JSON; sealed and opened by EncryptedColumnsSubscriber (AAD video_signals.payload.<id>).
  @EncryptedColumn({ nullable: false })
  payload: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
