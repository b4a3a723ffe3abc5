import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../../auth/entities/user.entity';
import { numericTransformer } from '../../database/numeric.transformer';

// A person. An account has its own record; applications without an account share the one
// unclaimed record (user_id NULL) of their normalised e-mail address (blind index), which an
// account takes over only once it has verified that address. Contact data is encrypted; `name_tokens` holds keyed digests of the lower-cased name
// words so staff can search by name without the name being stored in clear.
@Entity({ name: 'candidates' })
@Index('ix_candidates_skill_keys', { synchronize: false })
@Index('ix_candidates_pool_skill_keys', { synchronize: false })
@Index('ix_candidates_name_tokens', { synchronize: false })
@Index('ix_candidates_created', ['createdAt', 'id'])
@Index('uq_candidates_unclaimed_email', ['emailHash'], { unique: true, where: 'user_id IS NULL' })
@Index('ix_candidates_email_hash', ['emailHash'])
export class Candidate {
  @PrimaryColumn('uuid')
  id: string;

  @Index('uq_candidates_user', { unique: true, where: 'user_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @OneToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_candidates_user' })
  user?: User;

  @Column({ type: 'varchar', length: 64 })
  emailHash: string;

  @Column({ type: 'text', nullable: true })
  emailEncrypted: string | null;

  @Column({ type: 'text', nullable: true })
  fullNameEncrypted: string | null;

  @Column({ type: 'text', nullable: true })
  phoneEncrypted: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  nameTokens: string[];

  @Column({ type: 'varchar', length: 200, nullable: true })
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

  @Column({ type: 'integer', nullable: true })
  expectedSalary: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  currentCompany: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  currentPosition: string | null;

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
