import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  ForeignKey,
} from 'typeorm';
import type { Difficulty, QuestionType } from '../../ai/ai-provider';

export const QUESTION_SOURCES = ['gemini', 'openai_compatible', 'offline', 'manual'] as const;
export type QuestionSource = (typeof QUESTION_SOURCES)[number];

// A job's question bank. Questions with no job are practice questions: generated for one
// candidate's practice interview, never approvable and never listed with a job's questions.
// Gold answers and key points are reference material for scoring, never shown to candidates.
@Entity({ name: 'questions' })
@Index('ix_questions_job_created', ['jobId', 'createdAt', 'id'])
@Index('ix_questions_job_approved', ['jobId', 'isApproved', 'createdAt', 'id'])
@Index('ix_questions_created', ['createdAt', 'id'])
export class Question {
  @PrimaryColumn('uuid')
  id: string;

  // Foreign keys to jobs and users (fk_questions_job, fk_questions_approved_by,
  // fk_questions_created_by) stay in the database; the entity holds the plain ids.
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('Job', { name: 'fk_questions_job', onDelete: 'CASCADE' })
  jobId: string | null;

  @Column({ type: 'text' })
  questionText: string;

  // SHA-256 of the normalised text: duplicate checks without comparing long texts.
  @Index('ix_questions_text_hash')
  @Column({ type: 'varchar', length: 64 })
  textHash: string;

  @Column({ type: 'varchar', length: 20 })
  questionType: QuestionType;

  @Column({ type: 'varchar', length: 10 })
  difficultyLevel: Difficulty;

  @Column({ type: 'text', array: true, default: '{}' })
  skillsTested: string[];

  @Column({ type: 'text' })
  goldStandardAnswer: string;

  @Column({ type: 'text', array: true, default: '{}' })
  keyPoints: string[];

  @Column({ type: 'boolean', default: false })
  isApproved: boolean;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_questions_approved_by', onDelete: 'SET NULL' })
  approvedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'varchar', length: 20 })
  source: QuestionSource;

  // Why generation fell back from Gemini to the offline generator, when it did.
  @Column({ type: 'varchar', length: 40, nullable: true })
  generationFallback: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_questions_created_by', onDelete: 'SET NULL' })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
