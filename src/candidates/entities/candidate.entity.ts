import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { EncryptedColumn } from '../../crypto/encrypted-column';
import { numericTransformer } from '../../database/numeric.transformer';

// A person. An account has its own record; applications without an account share the one
// unclaimed record (user_id NULL) of their normalised e-mail address (blind index), which an
// account takes over only once it has verified that address. Contact data and the free-text
// profile (location, current company and position, expected salary) are encrypted; `name_tokens`
// and the `*_tokens` columns hold keyed digests of the lower-cased words so staff can search by
// them without the text being stored in clear.
@Entity({ name: 'candidates' })
@Index('ix_candidates_skill_keys', { synchronize: false })
@Index('ix_candidates_pool_skill_keys', { synchronize: false })
@Index('ix_candidates_name_tokens', { synchronize: false })
@Index('ix_candidates_created', ['createdAt', 'id'])
@Index('ix_candidates_updated', ['updatedAt', 'id'])
@Index('uq_candidates_unclaimed_email', ['emailHash'], { unique: true, where: 'user_id IS NULL' })
@Index('ix_candidates_email_hash', ['emailHash'])
@Unique('uq_candidates_user_id', ['userId'])
export class Candidate {
  @PrimaryColumn('uuid')
  id: string;

  @Index('uq_candidates_user', { unique: true, where: 'user_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_candidates_user', onDelete: 'SET NULL' })
  userId: string | null;

  @Column({ type: 'varchar', length: 64 })
  emailHash: string;

  @EncryptedColumn()
  email: string | null;

  @EncryptedColumn()
  fullName: string | null;

  @EncryptedColumn()
  phone: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  nameTokens: string[];

  @EncryptedColumn({ legacy: 'legacyLocation' })
  location: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  skills: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  skillKeys: string[];

  @Column({
    type: 'numeric',
    precision: 4,
    scale: 1,
    nullable: true,
    transformer: numericTransformer,
  })
  experienceYears: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  experienceLevel: string | null;

  @EncryptedColumn({ kind: 'integer', legacy: 'legacyExpectedSalary' })
  expectedSalary: number | null;

  @EncryptedColumn({ legacy: 'legacyCurrentCompany', searchTokens: 'currentCompanyTokens' })
  currentCompany: string | null;

  @EncryptedColumn({ legacy: 'legacyCurrentPosition', searchTokens: 'currentPositionTokens' })
  currentPosition: string | null;

  // Keyed digests of the words of the two columns above: staff search them by whole words.
  @Column({ type: 'text', array: true, default: '{}' })
  currentCompanyTokens: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  currentPositionTokens: string[];

  // The plaintext columns the encrypted ones replace, until the backfill (src/gdpr) has emptied
  // them everywhere; a later migration drops them. Never read directly.
  @Column({ name: 'location', type: 'varchar', length: 200, nullable: true })
  legacyLocation: string | null;

  @Column({ name: 'expected_salary', type: 'integer', nullable: true })
  legacyExpectedSalary: number | null;

  @Column({ name: 'current_company', type: 'varchar', length: 200, nullable: true })
  legacyCurrentCompany: string | null;

  @Column({ name: 'current_position', type: 'varchar', length: 200, nullable: true })
  legacyCurrentPosition: string | null;

  @Column({ type: 'uuid', nullable: true })
  latestResumeId: string | null;

  // Mirrors the latest talent_pool consent (kept by ConsentService) so scope=all matching can use
  // a partial GIN index instead of a per-row consent look-up.
  @Column({ type: 'boolean', default: false })
  talentPool: boolean;

  @Column({ type: 'boolean', default: false })
  legalHold: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
