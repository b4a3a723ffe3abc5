import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, ForeignKey } from 'typeorm';
import type { Difficulty, QuestionType } from '../../ai/ai-provider';
import { Interview } from './interview.entity';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

// The questions of one interview, in order, as they stood when the interview was scheduled: a
// later edit of the bank question never changes what was asked or how it is scored.
@NotPersonalData(
  "The question as asked: the job's question material. Practice copies, which may name the person's track, are deleted with the practice interview",
)
@Entity({ name: 'interview_questions' })
@Index('uq_interview_questions_question', ['interviewId', 'questionId'], { unique: true })
@Index('uq_interview_questions_position', ['interviewId', 'position'], { unique: true })
@Index('ix_interview_questions_question', ['questionId'])
export class InterviewQuestion {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  interviewId: string;

  @ManyToOne(() => Interview, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'interview_id',
    foreignKeyConstraintName: 'fk_interview_questions_interview',
  })
  interview?: Interview;

  // The bank question (questions module); its foreign key fk_interview_questions_question stays.
  @Column('uuid')
  @ForeignKey('Question', { name: 'fk_interview_questions_question', onDelete: 'RESTRICT' })
  questionId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  questionText: string;

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
}
