import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Interview } from './interview.entity';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

export const PROCTORING_EVENT_TYPES = [
  'tab_hidden',
  'focus_lost',
  'paste',
  'copy',
  'multiple_faces',
  'no_face',
  'devtools_open',
] as const;
export type ProctoringEventType = (typeof PROCTORING_EVENT_TYPES)[number];

// Integrity events reported by the candidate's browser. They feed fraud_risk only; they never
// change a score.
@Entity({ name: 'interview_events' })
@Index('ix_interview_events_interview', ['interviewId', 'occurredAt'])
export class InterviewEvent {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  interviewId: string;

  @ManyToOne(() => Interview, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'interview_id', foreignKeyConstraintName: 'fk_interview_events_interview' })
  interview?: Interview;

  @Column({ type: 'varchar', length: 20 })
  @NotPersonalData('A value from a fixed list')
  type: ProctoringEventType;

  @Column({ type: 'uuid', nullable: true })
  questionId: string | null;

  // Client-reported: pasted/copied length, face count, duration in ms.
  @Column({ type: 'jsonb', default: '{}' })
  detail: Record<string, string | number | boolean>;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;
}
