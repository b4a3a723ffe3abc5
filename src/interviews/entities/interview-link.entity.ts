import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';
import { Interview } from './interview.entity';

// An invitation link (PUBLIC_URL/interview/<token>) for one interview. Only the SHA-256 of the
// token is stored; a new link (resend, reschedule) revokes the ones before it.
@Entity({ name: 'interview_links' })
@Index('uq_interview_links_token_hash', ['tokenHash'], { unique: true })
@Index('ix_interview_links_interview', ['interviewId', 'createdAt'])
export class InterviewLink {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  interviewId: string;

  @ManyToOne(() => Interview, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'interview_id', foreignKeyConstraintName: 'fk_interview_links_interview' })
  interview?: Interview;

  @Column({ type: 'varchar', length: 64 })
  @NotPersonalData('SHA-256 of a link token')
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
