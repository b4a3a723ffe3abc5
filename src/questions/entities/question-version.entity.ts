import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, ForeignKey } from 'typeorm';
import { Question } from './question.entity';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

export const QUESTION_VERSION_ACTIONS = ['created', 'edited', 'approved', 'rejected'] as const;
export type QuestionVersionAction = (typeof QUESTION_VERSION_ACTIONS)[number];

// Append-only: every creation, edit and review decision with who made it, their comment and the
// question as it stood afterwards.
@NotPersonalData('The edit history of job questions, written by staff about the questions')
@Entity({ name: 'question_versions' })
@Index('uq_question_versions_question_version', ['questionId', 'version'], { unique: true })
export class QuestionVersion {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  questionId: string;

  @ManyToOne(() => Question, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id', foreignKeyConstraintName: 'fk_question_versions_question' })
  question?: Question;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 20 })
  action: QuestionVersionAction;

  // The users row (fk_question_versions_actor, ON DELETE SET NULL, stays in the database).
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_question_versions_actor', onDelete: 'SET NULL' })
  actorId: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  actorRole: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment: string | null;

  @Column({ type: 'jsonb' })
  snapshot: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
