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
import type { Advice } from '../analysis/speech-advice';
import type { SpeechMetrics } from '../analysis/speech-metrics';
import { MediaFile } from './media-file.entity';

export const ANALYSIS_STATUSES = ['queued', 'processing', 'completed', 'failed'] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];

// Speech analysis of one uploaded file. The transcript it used is encrypted (personal data);
// metrics and advice are derived numbers and rule texts, kept in clear.
@Entity({ name: 'media_analyses' })
@Index('ix_media_analyses_media_file', ['mediaFileId', 'createdAt'])
@Index('ix_media_analyses_requested_by', ['requestedBy'], { where: 'requested_by IS NOT NULL' })
export class MediaAnalysis {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  mediaFileId: string;

  @ManyToOne(() => MediaFile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'media_file_id', foreignKeyConstraintName: 'fk_media_analyses_media_file' })
  mediaFile?: MediaFile;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_media_analyses_requested_by', onDelete: 'SET NULL' })
  requestedBy: string | null;

  @Column({ type: 'varchar', length: 12, default: 'queued' })
  status: AnalysisStatus;

  // The Transcript as JSON; sealed and opened by EncryptedColumnsSubscriber
  // (AAD media_analyses.transcript.<id>).
  @EncryptedColumn()
  transcript: string | null;

  @Column({ type: 'jsonb', nullable: true })
  metrics: SpeechMetrics | null;

  @Column({ type: 'jsonb', default: '[]' })
  advice: Advice[];

  // A short, content-free reason ("no transcription provider configured").
  @Column({ type: 'varchar', length: 200, nullable: true })
  error: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
