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
import type { AiSource } from '../../ai/ai-provider';
import { User } from '../../auth/entities/user.entity';
import { InterviewAnswer } from './interview-answer.entity';
import { numericTransformer } from '../../database/numeric.transformer';

export type ScoreKind = 'machine' | 'human';
export type ScoredBy = AiSource | 'human';

// At most one machine score and one human review per answer (unique on answer + kind), so a
// retried scoring job can never add a second machine score. A human review sits beside the
// machine score and takes precedence in the results.
@Entity({ name: 'answer_scores' })
@Index('uq_answer_scores_answer_kind', ['answerId', 'kind'], { unique: true })
export class AnswerScoreRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  answerId: string;

  @ManyToOne(() => InterviewAnswer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'answer_id', foreignKeyConstraintName: 'fk_answer_scores_answer' })
  answer?: InterviewAnswer;

  @Column({ type: 'varchar', length: 8 })
  kind: ScoreKind;

  @Column({ type: 'varchar', length: 20 })
  scoredBy: ScoredBy;

  @Column({ type: 'numeric', precision: 4, scale: 2, transformer: numericTransformer })
  relevance: number;

  @Column({ type: 'numeric', precision: 4, scale: 2, transformer: numericTransformer })
  completeness: number;

  @Column({ type: 'numeric', precision: 4, scale: 2, transformer: numericTransformer })
  accuracy: number;

  @Column({ type: 'numeric', precision: 4, scale: 2, transformer: numericTransformer })
  clarity: number;

  // Weighted mean with the weights configured when the score was recorded.
  @Column({ type: 'numeric', precision: 4, scale: 2, transformer: numericTransformer })
  overall: number;

  @Column({ type: 'text', nullable: true })
  rationale: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  matchedKeyPoints: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  missedKeyPoints: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  flags: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  coaching: string[];

  @Column({ type: 'varchar', length: 40, nullable: true })
  fallbackReason: string | null;

  // How far the machine score can be trusted (0..1; null for a model's verdict). A score the
  // scorer could not stand behind is flagged for a human instead of being guessed high.
  @Column({
    type: 'numeric',
    precision: 3,
    scale: 2,
    nullable: true,
    transformer: numericTransformer,
  })
  confidence: number | null;

  @Column({ type: 'boolean', default: false })
  needsReview: boolean;

  @Column({ type: 'text', array: true, default: '{}' })
  reviewReasons: string[];

  @Column({ type: 'uuid', nullable: true })
  reviewerId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reviewer_id', foreignKeyConstraintName: 'fk_answer_scores_reviewer' })
  reviewer?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
