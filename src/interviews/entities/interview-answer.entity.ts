import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, ForeignKey } from 'typeorm';
import { EncryptedColumn } from '../../crypto/encrypted-column';
import { Interview } from './interview.entity';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

export const SCORING_STATUSES = [
  'pending',
  'awaiting_transcript',
  'awaiting_human',
  'scored',
] as const;
export type ScoringStatus = (typeof SCORING_STATUSES)[number];

// One answer per question per interview. The text (or the audio file under `audio_storage_key`)
// is personal data and encrypted; `minhash` and `lsh_bands` are keyed, lossy fingerprints of the
// text used to find near-identical answers from other candidates without comparing plaintext.
@Entity({ name: 'interview_answers' })
@Index('uq_interview_answers_question', ['interviewId', 'questionId'], { unique: true })
@Index('ix_interview_answers_question', ['questionId'])
@Index('ix_interview_answers_lsh', { synchronize: false })
@Index('ix_interview_answers_status', ['scoringStatus', 'submittedAt'])
export class InterviewAnswer {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  interviewId: string;

  @ManyToOne(() => Interview, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'interview_id', foreignKeyConstraintName: 'fk_interview_answers_interview' })
  interview?: Interview;

  // The bank question (questions module) and the candidate (candidates module): plain ids here,
  // their foreign keys (fk_interview_answers_question, fk_interview_answers_candidate) stay.
  @Column('uuid')
  @ForeignKey('Question', { name: 'fk_interview_answers_question', onDelete: 'RESTRICT' })
  questionId: string;

  @Column('uuid')
  @ForeignKey('Candidate', { name: 'fk_interview_answers_candidate', onDelete: 'CASCADE' })
  candidateId: string;

  @Column({ type: 'varchar', length: 8 })
  @NotPersonalData('A value from a fixed list')
  input: 'text' | 'audio';

  // The typed answer, or the transcript of an audio one once there is one.
  @EncryptedColumn()
  answerText: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  audioStorageKey: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  @NotPersonalData('An audio container name')
  audioFormat: string | null;

  @Column({ type: 'integer', default: 0 })
  wordCount: number;

  @Column({ type: 'integer', array: true, nullable: true })
  minhash: number[] | null;

  @Column({ type: 'text', array: true, default: '{}' })
  lshBands: string[];

  @Column({ type: 'uuid', array: true, default: '{}' })
  similarAnswerIds: string[];

  @Column({ type: 'varchar', length: 20 })
  @NotPersonalData('A value from a fixed list')
  scoringStatus: ScoringStatus;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  // Seconds between the previous answer (or the start) and this one: the basis of the
  // "implausibly fast" integrity signal.
  @Column({ type: 'integer', nullable: true })
  secondsSincePrevious: number | null;
}
