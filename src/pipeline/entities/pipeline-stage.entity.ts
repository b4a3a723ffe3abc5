import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

// A job's custom pipeline. A job without rows uses the default pipeline (see pipeline.ts).
@NotPersonalData("A job's pipeline configuration")
@Entity({ name: 'pipeline_stages' })
@Index('uq_pipeline_stages_job_key', ['jobId', 'key'], { unique: true })
export class PipelineStage {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  @ForeignKey('Job', { name: 'fk_pipeline_stages_job', onDelete: 'CASCADE' })
  jobId: string;

  @Column({ type: 'varchar', length: 40 })
  key: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'varchar', length: 40 })
  status: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'integer', nullable: true })
  slaDays: number | null;
}
