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

// One line of a live interview's transcript, as captured in the browser. Encrypted at rest with
// an AAD bound to the row, so a line copied elsewhere does not decrypt.
@Entity({ name: 'video_transcript_lines' })
@Index('ix_video_transcript_lines_meeting', ['meetingId', 'spokenAt', 'id'])
export class VideoTranscriptLine {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  meetingId: string;

  @ManyToOne(() => VideoMeeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_video_transcript_lines_meeting' })
  meeting?: VideoMeeting;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_video_transcript_lines_speaker', onDelete: 'SET NULL' })
  speakerId: string | null;

  @Column({ type: 'varchar', length: 10 })
  speakerRole: 'candidate' | 'staff';

  @Column({ type: 'timestamptz' })
  spokenAt: Date;

  // Sealed and opened by EncryptedColumnsSubscriber (AAD video_transcript_lines.text.<id>).
  @EncryptedColumn({ nullable: false })
  text: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
