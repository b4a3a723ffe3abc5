import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, ForeignKey } from 'typeorm';
import type { MediaKind } from '../audio/media-container';

export const MEDIA_FILE_STATUSES = ['pending', 'receiving', 'uploaded'] as const;
export type MediaFileStatus = (typeof MEDIA_FILE_STATUSES)[number];

// A self-recorded file: reserved by POST /api/media/upload-url ('pending'), claimed while its
// signed PUT streams in ('receiving'), then 'uploaded'. The bytes live encrypted in FILE_STORAGE
// under `file_key`; the row holds only metadata (no file name from the client is kept).
@Entity({ name: 'media_files' })
@Index('uq_media_files_file_key', ['fileKey'], { unique: true })
@Index('ix_media_files_owner_created', ['ownerId', 'createdAt'])
@Index('ix_media_files_interview', ['interviewId'], { where: 'interview_id IS NOT NULL' })
@Index('ix_media_files_answer', ['answerId'], { where: 'answer_id IS NOT NULL' })
export class MediaFile {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  fileKey: string;

  @Column('uuid')
  @ForeignKey('User', { name: 'fk_media_files_owner', onDelete: 'CASCADE' })
  ownerId: string;

  @Column({ type: 'varchar', length: 8 })
  kind: MediaKind;

  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  // The signed URL's size cap.
  @Column({ type: 'integer' })
  maxBytes: number;

  @Column({ type: 'integer', nullable: true })
  sizeBytes: number | null;

  // From the container when it says (see audio/audio-duration.ts).
  @Column({ type: 'double precision', nullable: true })
  durationSeconds: number | null;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: MediaFileStatus;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('Interview', { name: 'fk_media_files_interview', onDelete: 'SET NULL' })
  interviewId: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('InterviewAnswer', { name: 'fk_media_files_answer', onDelete: 'SET NULL' })
  answerId: string | null;

  // Expiry of the upload URL; a pending row past it can be purged.
  @Column({ type: 'timestamptz' })
  uploadExpiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  uploadedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
