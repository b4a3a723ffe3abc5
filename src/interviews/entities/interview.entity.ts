import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { DigestOfLegacyColumn, EncryptedColumn } from '../../crypto/encrypted-column';
import { numericTransformer } from '../../database/numeric.transformer';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

// Blind-index purpose of interviews.track_hash.
export const PRACTICE_TRACK_DIGEST = 'practice-track';
export const INTERVIEW_KINDS = ['screening', 'practice'] as const;
export type InterviewKind = (typeof INTERVIEW_KINDS)[number];
export const INTERVIEW_MODES = ['async', 'live'] as const;
export type InterviewMode = (typeof INTERVIEW_MODES)[number];
export const INTERVIEW_STATUSES = ['Scheduled', 'In Progress', 'Completed', 'Cancelled'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];
export const VIDEO_CHOICES = ['zoom', 'webrtc', 'none'] as const;
export type VideoChoice = (typeof VIDEO_CHOICES)[number];
export const RECOMMENDATIONS = ['select', 'next_round', 'reject'] as const;
export type InterviewRecommendation = (typeof RECOMMENDATIONS)[number];
// not_started → scoring (completed, machine scoring running) → awaiting_review (some answers
// need a human) → complete (overall score and recommendation set).
export const RESULTS_STATUSES = ['not_started', 'scoring', 'awaiting_review', 'complete'] as const;
export type ResultsStatus = (typeof RESULTS_STATUSES)[number];
export const FRAUD_LEVELS = ['low', 'medium', 'high'] as const;
export type FraudLevel = (typeof FRAUD_LEVELS)[number];

export interface FraudSignal {
  type: string;
  count: number;
  points: number;
  detail: string;
  question_ids?: string[];
}

// A screening interview belongs to an application (and its job); a practice interview belongs to
// the candidate alone, for one track. candidate_id is kept on both so ownership checks and "my
// interviews" need no join. Scores and fraud signals are derived data and stay in clear.
@Entity({ name: 'interviews' })
@Index('ix_interviews_created', ['createdAt', 'id'])
@Index('ix_interviews_updated', ['updatedAt', 'id'])
@Index('ix_interviews_job_created', ['jobId', 'createdAt', 'id'])
@Index('ix_interviews_candidate_created', ['candidateId', 'createdAt', 'id'])
@Index('ix_interviews_status_created', ['status', 'createdAt', 'id'])
@Index('ix_interviews_application', ['applicationId'])
@Index('uq_interviews_active_practice', ['candidateId', 'legacyTrackKey'], {
  unique: true,
  where: `kind = 'practice' AND status IN ('Scheduled', 'In Progress')`,
})
@Index('uq_interviews_active_practice_track', ['candidateId', 'trackHash'], {
  unique: true,
  where: `kind = 'practice' AND status IN ('Scheduled', 'In Progress')`,
})
export class Interview {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 12 })
  @NotPersonalData('A value from a fixed list')
  kind: InterviewKind;

  @Column({ type: 'varchar', length: 8 })
  @NotPersonalData('A value from a fixed list')
  mode: InterviewMode;

  @Column({ type: 'varchar', length: 20 })
  @NotPersonalData('A value from a fixed list')
  status: InterviewStatus;

  // Rows of other modules (candidates' applications and candidates, jobs) by id only; the
  // foreign keys (fk_interviews_application, fk_interviews_job, fk_interviews_candidate) stay.
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('Application', { name: 'fk_interviews_application', onDelete: 'CASCADE' })
  applicationId: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('Job', { name: 'fk_interviews_job', onDelete: 'RESTRICT' })
  jobId: string | null;

  @Column('uuid')
  @ForeignKey('Candidate', { name: 'fk_interviews_candidate', onDelete: 'CASCADE' })
  candidateId: string;

  // Practice only: the track as typed (free text about the person, encrypted) and a keyed digest
  // of its normalised form (one active practice per track).
  @EncryptedColumn({ legacy: 'legacyTrack' })
  track: string | null;

  @DigestOfLegacyColumn({ purpose: PRACTICE_TRACK_DIGEST, legacy: 'legacyTrackKey' })
  trackHash: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  @NotPersonalData('A value from a fixed list')
  difficulty: string | null;

  @Column({ type: 'timestamptz' })
  scheduledAt: Date;

  @Column({ type: 'integer', default: 30 })
  durationMinutes: number;

  @Column({ type: 'varchar', length: 10, default: 'none' })
  @NotPersonalData('A value from a fixed list')
  video: VideoChoice;

  @Column({ type: 'integer', default: 0 })
  questionCount: number;

  // iCalendar SEQUENCE: bumped by every reschedule and by cancellation.
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @EncryptedColumn({ legacy: 'legacyCancelReason' })
  cancelReason: string | null;

  @Column({ type: 'varchar', length: 20, default: 'not_started' })
  @NotPersonalData('A value from a fixed list')
  resultsStatus: ResultsStatus;

  @Column({
    type: 'numeric',
    precision: 4,
    scale: 2,
    nullable: true,
    transformer: numericTransformer,
  })
  overallScore: number | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  @NotPersonalData('A value from a fixed list, kept as an anonymous statistic after erasure')
  recommendation: InterviewRecommendation | null;

  @Column({ type: 'integer', default: 0 })
  fraudScore: number;

  @Column({ type: 'varchar', length: 10, default: 'low' })
  @NotPersonalData('A value from a fixed list')
  fraudLevel: FraudLevel;

  @Column({ type: 'jsonb', default: '[]' })
  @NotPersonalData('Derived integrity signals: fixed texts, counts and question ids')
  fraudSignals: FraudSignal[];

  @Column({ type: 'timestamptz', nullable: true })
  finalisedAt: Date | null;

  // The scheduling account (auth's users; fk_interviews_scheduled_by stays).
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_interviews_scheduled_by', onDelete: 'SET NULL' })
  scheduledBy: string | null;

  // The plaintext columns the encrypted ones replace, until the backfill (src/gdpr) has emptied
  // them everywhere; a later migration drops them. Never read directly.
  @Column({ name: 'track', type: 'varchar', length: 100, nullable: true })
  legacyTrack: string | null;

  @Column({ name: 'track_key', type: 'varchar', length: 100, nullable: true })
  legacyTrackKey: string | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 500, nullable: true })
  legacyCancelReason: string | null;

  // Set in code with millisecond precision so list cursors (ISO strings) round-trip exactly.
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
