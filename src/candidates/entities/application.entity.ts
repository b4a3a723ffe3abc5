import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Candidate } from './candidate.entity';
import { EncryptedColumn } from '../../crypto/encrypted-column';
import { numericTransformer } from '../../database/numeric.transformer';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

// One candidate applying to one job. The contact and profile fields are the snapshot the applicant
// typed, encrypted; the stage is the ATS position and the status follows from it.
@Entity({ name: 'applications' })
@Index('uq_applications_job_candidate', ['jobId', 'candidateId'], { unique: true })
@Index('ix_applications_job_stage', ['jobId', 'stage', 'appliedAt', 'id'])
@Index('ix_applications_job_applied', ['jobId', 'appliedAt', 'id'])
@Index('ix_applications_job_stage_entered', ['jobId', 'stage', 'stageEnteredAt'])
@Index('ix_applications_candidate', ['candidateId', 'appliedAt'])
@Index('ix_applications_resume', { synchronize: false })
// Partial (hired only), with hired_at included: time-to-hire reads the index alone.
@Index('ix_applications_hired', { synchronize: false })
@Index('ix_applications_applied_at', ['appliedAt'])
@Index('ix_applications_updated', ['updatedAt', 'id'])
export class Application {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  @ForeignKey('Job', { name: 'fk_applications_job', onDelete: 'RESTRICT' })
  jobId: string;

  @Column('uuid')
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_applications_candidate' })
  candidate?: Candidate;

  @EncryptedColumn()
  applicantName: string | null;

  @EncryptedColumn()
  applicantEmail: string | null;

  @EncryptedColumn()
  applicantPhone: string | null;

  @EncryptedColumn()
  coverLetter: string | null;

  @Column({
    type: 'numeric',
    precision: 4,
    scale: 1,
    nullable: true,
    transformer: numericTransformer,
  })
  experienceYears: number | null;

  @EncryptedColumn({ legacy: 'legacyCurrentCompany', searchTokens: 'currentCompanyTokens' })
  currentCompany: string | null;

  @EncryptedColumn({ legacy: 'legacyCurrentPosition', searchTokens: 'currentPositionTokens' })
  currentPosition: string | null;

  @EncryptedColumn({ legacy: 'legacyExpectedSalary' })
  expectedSalary: string | null;

  @EncryptedColumn({ legacy: 'legacyAvailability' })
  availability: string | null;

  // Keyed digests of the words of company and position: staff search them by whole words.
  @Column({ type: 'text', array: true, default: '{}' })
  currentCompanyTokens: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  currentPositionTokens: string[];

  // The plaintext columns the encrypted ones replace, until the backfill (src/gdpr) has emptied
  // them everywhere; a later migration drops them. Never read directly.
  @Column({ name: 'current_company', type: 'varchar', length: 200, nullable: true })
  legacyCurrentCompany: string | null;

  @Column({ name: 'current_position', type: 'varchar', length: 200, nullable: true })
  legacyCurrentPosition: string | null;

  @Column({ name: 'expected_salary', type: 'varchar', length: 100, nullable: true })
  legacyExpectedSalary: string | null;

  @Column({ name: 'availability', type: 'varchar', length: 200, nullable: true })
  legacyAvailability: string | null;

  @Index('ix_applications_source')
  @Column({ type: 'varchar', length: 60, default: 'careers_page' })
  source: string;

  @Column({ type: 'varchar', length: 40 })
  @NotPersonalData('An application status from a fixed list')
  status: string;

  @Column({ type: 'varchar', length: 40 })
  @NotPersonalData('A pipeline stage key')
  stage: string;

  @Column({ type: 'timestamptz' })
  stageEnteredAt: Date;

  @Column({ type: 'varchar', length: 40, nullable: true })
  @NotPersonalData('A pipeline stage key')
  rejectedFromStage: string | null;

  @Column({ type: 'uuid', nullable: true })
  rejectionReasonId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  hiredAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  resumeId: string | null;

  @Column({ type: 'timestamptz' })
  appliedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
