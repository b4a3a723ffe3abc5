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
import { MediaFile } from './media-file.entity';

export const TRANSCRIPT_SOURCES = ['gemini', 'client'] as const;
export type TranscriptSource = (typeof TRANSCRIPT_SOURCES)[number];

// A timed transcript of an audio answer or an uploaded file, at most one of each. The content
// (text, segments, words) is personal data: one AES-GCM ciphertext bound to this row.
@Entity({ name: 'media_transcripts' })
@Index('uq_media_transcripts_answer', ['answerId'], { unique: true })
@Index('uq_media_transcripts_media_file', ['mediaFileId'], { unique: true })
export class MediaTranscript {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('InterviewAnswer', { name: 'fk_media_transcripts_answer', onDelete: 'CASCADE' })
  answerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  mediaFileId: string | null;

  @ManyToOne(() => MediaFile, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'media_file_id',
    foreignKeyConstraintName: 'fk_media_transcripts_media_file',
  })
  mediaFile?: MediaFile;

  @Column({ type: 'varchar', length: 10 })
  source: TranscriptSource;

  @Column({ type: 'varchar', length: 20 })
  language: string;

  @Column({ type: 'double precision' })
  durationSeconds: number;

  // The Transcript as JSON; sealed and opened by EncryptedColumnsSubscriber
  // (AAD media_transcripts.content.<id>).
  @EncryptedColumn({ nullable: false })
  content: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
