import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  ForeignKey,
} from 'typeorm';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

export const JOB_STATUSES = ['Draft', 'Open', 'Closed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

// `search_vector` is maintained by a trigger (title A, skills B, description C) and the GIN
// indexes are created by the migration; `synchronize: false` keeps TypeORM from managing them.
@NotPersonalData("Job postings: the hiring company's data")
@Entity({ name: 'jobs' })
@Index('ix_jobs_status_created', ['status', 'createdAt', 'id'])
@Index('ix_jobs_created', ['createdAt', 'id'])
@Index('ix_jobs_updated', ['updatedAt', 'id'])
@Index('ix_jobs_search', { synchronize: false })
@Index('ix_jobs_skill_keys', { synchronize: false })
export class Job {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  company: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  location: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  salaryRange: string | null;

  @Column({ type: 'integer', nullable: true })
  salaryMin: number | null;

  @Column({ type: 'integer', nullable: true })
  salaryMax: number | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  jobType: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  workMode: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  experienceLevel: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  department: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  skillsRequired: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  skillsNiceToHave: string[];

  // Canonical lower-case skill keys (taxonomy-normalised) for filters and matching.
  @Column({ type: 'text', array: true, default: '{}' })
  skillKeys: string[];

  @Column({ type: 'varchar', length: 10, default: 'Open' })
  status: JobStatus;

  @Column({ type: 'integer', default: 0 })
  applicationCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector?: string;

  @Index('ix_jobs_created_by')
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_jobs_created_by', onDelete: 'SET NULL' })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
