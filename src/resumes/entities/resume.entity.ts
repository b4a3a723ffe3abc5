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
import { numericTransformer } from '../../database/numeric.transformer';

export const PARSING_STATUSES = ['pending', 'parsed', 'failed'] as const;
export type ParsingStatus = (typeof PARSING_STATUSES)[number];

// The file itself is in encrypted storage under `storage_key`. Text and parsed contact details are
// encrypted here; skills and experience stay in clear for search and matching.
@Entity({ name: 'resumes' })
@Index('ix_resumes_candidate', ['candidateId', 'createdAt'])
@Index('ix_resumes_unattached', ['createdAt'], { where: 'candidate_id IS NULL' })
export class Resume {
  @PrimaryColumn('uuid')
  id: string;

  // The candidates row (fk_resumes_candidate, ON DELETE CASCADE, stays in the database).
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('Candidate', { name: 'fk_resumes_candidate', onDelete: 'CASCADE' })
  candidateId: string | null;

  @Column({ type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @Column({ type: 'varchar', length: 100 })
  storageKey: string;

  // Kept only to offer the same name on download; it never reaches the file system.
  @EncryptedColumn()
  originalFilename: string | null;

  @Column({ type: 'varchar', length: 10 })
  fileKind: 'pdf' | 'docx' | 'txt';

  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'integer' })
  sizeBytes: number;

  // SHA-256 of the file bytes: caches derived data (knowledge set) per content.
  @Index('ix_resumes_content_hash')
  @Column({ type: 'varchar', length: 64 })
  contentHash: string;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  parsingStatus: ParsingStatus;

  @Column({ type: 'varchar', length: 300, nullable: true })
  parseError: string | null;

  // Stable machine code beside the human-readable reason (e.g. IMAGE_ONLY_PDF), for clients.
  @Column({ type: 'varchar', length: 40, nullable: true })
  parseErrorCode: string | null;

  @EncryptedColumn()
  text: string | null;

  // JSON of ParsedResume.
  @EncryptedColumn()
  parsed: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  skills: string[];

  @Column({
    type: 'numeric',
    precision: 4,
    scale: 1,
    nullable: true,
    transformer: numericTransformer,
  })
  experienceYears: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  experienceLevel: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  parsedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
