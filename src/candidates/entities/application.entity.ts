import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Job } from '../../jobs/entities/job.entity';
import { Candidate } from './candidate.entity';
import { numericTransformer } from '../../database/numeric.transformer';

// One candidate applying to one job. The contact fields are the snapshot the applicant typed,
// encrypted; the stage is the ATS position and the status follows from it.
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
export class Application {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  jobId: string;

  @ManyToOne(() => Job, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'job_id', foreignKeyConstraintName: 'fk_applications_job' })
  job?: Job;

  @Column('uuid')
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_applications_candidate' })
  candidate?: Candidate;

  @Column({ type: 'text', nullable: true })
  applicantNameEncrypted: string | null;

  @Column({ type: 'text', nullable: true })
  applicantEmailEncrypted: string | null;

  @Column({ type: 'text', nullable: true })
  applicantPhoneEncrypted: string | null;

  @Column({ type: 'text', nullable: true })
  coverLetterEncrypted: string | null;

  @Column({
    type: 'numeric',
    precision: 4,
    scale: 1,
    nullable: true,
    transformer: numericTransformer,
  })
  experienceYears: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  currentCompany: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  currentPosition: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  expectedSalary: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  availability: string | null;

  @Index('ix_applications_source')
  @Column({ type: 'varchar', length: 60, default: 'careers_page' })
  source: string;

  @Column({ type: 'varchar', length: 40 })
  status: string;

  @Column({ type: 'varchar', length: 40 })
  stage: string;

  @Column({ type: 'timestamptz' })
  stageEnteredAt: Date;

  @Column({ type: 'varchar', length: 40, nullable: true })
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
