import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Job } from './job.entity';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

// A narrow copy of each job's search vector and visibility, kept by triggers on jobs (migration
// JobSearchIndex): full-text search ranks these rows instead of the wide jobs heap. Never written
// by the application.
@NotPersonalData('A search copy of job postings')
@Entity({ name: 'job_search' })
@Index('ix_job_search_vector', { synchronize: false })
// (created_at DESC, job_id DESC) WHERE NOT archived: the bounded candidate set of search.
@Index('ix_job_search_recent', { synchronize: false })
export class JobSearchEntry {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_job_search' })
  jobId: string;

  @OneToOne(() => Job, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id', foreignKeyConstraintName: 'fk_job_search_job' })
  job?: Job;

  @Column({ type: 'tsvector' })
  searchVector: string;

  @Column({ type: 'varchar', length: 10 })
  status: string;

  @Column('boolean')
  archived: boolean;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
