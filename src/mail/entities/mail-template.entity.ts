import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

// An edited template: global (job_id NULL, admin) or for one job (recruiter+ on that job;
// rejection and invitation only). The shipped defaults live in templates/default-templates.ts.
@Entity({ name: 'mail_templates' })
@NotPersonalData('Message templates written by staff: placeholders, never a person’s data')
@Index('uq_mail_templates_global', ['key'], { unique: true, where: 'job_id IS NULL' })
@Index('uq_mail_templates_job', ['jobId', 'key'], { unique: true, where: 'job_id IS NOT NULL' })
export class MailTemplate {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 60 })
  key: string;

  @Column({ type: 'uuid', nullable: true })
  jobId: string | null;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
