import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  ForeignKey,
} from 'typeorm';
import type { AiSource } from '../../ai/ai-provider';
import { InterviewAnswer } from './interview-answer.entity';
import { numericTransformer } from '../../database/numeric.transformer';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

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
  @NotPersonalData('A value from a fixed list')
  kind: ScoreKind;

  @Column({ type: 'varchar', length: 20 })
  @NotPersonalData('A value from a fixed list')
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
  @NotPersonalData("Key points of the question (the job's material), not words of the answer")
  matchedKeyPoints: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  @NotPersonalData("Key points of the question (the job's material), not words of the answer")
  missedKeyPoints: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  @NotPersonalData('Scorer flags from a fixed list')
  flags: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  coaching: string[];

  @Column({ type: 'varchar', length: 40, nullable: true })
  @NotPersonalData('A fixed code saying why Gemini fell back to the offline scorer')
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
  @NotPersonalData(
    "Why a score needs a human: quotes the reference answer's claims, never the candidate's words",
  )
  reviewReasons: string[];

  // The reviewing account (auth's users; the foreign key fk_answer_scores_reviewer stays).
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_answer_scores_reviewer', onDelete: 'SET NULL' })
  reviewerId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
