import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  ForeignKey,
} from 'typeorm';
import { EncryptedColumn } from '../../crypto/encrypted-column';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

export const RECOMMENDATIONS = [
  'definitely_not',
  'no',
  'yes',
  'strong_yes',
  'no_decision',
] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export interface ScorecardAttribute {
  name: string;
  rating: number;
}

// One interviewer's feedback on one application (per interview, when there is one). Two partial
// unique indexes because a NULL interview_id would otherwise never collide. Notes are free text
// about a person, so they are encrypted like other personal data.
@Entity({ name: 'scorecards' })
@Index('uq_scorecards_interview', ['applicationId', 'interviewerId', 'interviewId'], {
  unique: true,
  where: 'interview_id IS NOT NULL',
})
@Index('uq_scorecards_general', ['applicationId', 'interviewerId'], {
  unique: true,
  where: 'interview_id IS NULL',
})
@Index('ix_scorecards_application', ['applicationId', 'createdAt', 'id'])
@Index('ix_scorecards_interviewer', ['interviewerId'])
export class Scorecard {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  @ForeignKey('Application', { name: 'fk_scorecards_application', onDelete: 'CASCADE' })
  applicationId: string;

  @Column('uuid')
  @ForeignKey('User', { name: 'fk_scorecards_interviewer', onDelete: 'RESTRICT' })
  interviewerId: string;

  // No foreign key yet: the interviews table belongs to a module that does not exist yet.
  @Column({ type: 'uuid', nullable: true })
  interviewId: string | null;

  @Column({ type: 'varchar', length: 20 })
  @NotPersonalData('A value from a fixed list, kept as an anonymous statistic after erasure')
  overallRecommendation: Recommendation;

  @Column({ type: 'smallint', nullable: true })
  rating: number | null;

  // Sealed and opened by EncryptedColumnsSubscriber (AAD scorecards.notes.<id>).
  @EncryptedColumn({ nullable: false })
  notes: string;

  @Column({ type: 'jsonb', default: '[]' })
  @NotPersonalData('Attribute names and ratings; their notes are in attribute_notes_encrypted')
  attributes: ScorecardAttribute[];

  // Per-attribute notes: one JSON array aligned with `attributes`, encrypted as a whole.
  @EncryptedColumn()
  attributeNotes: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
