import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';
import { User } from './user.entity';

export const ACCOUNT_TOKEN_PURPOSES = ['verify_email', 'password_reset'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

// A single-use link token sent by e-mail. Only its SHA-256 is stored; `email_hash` pins a
// verification to the address it was sent to, so a changed address needs a new one.
@Entity({ name: 'account_tokens' })
@Index('uq_account_tokens_hash', ['tokenHash'], { unique: true })
@Index('ix_account_tokens_user', ['userId', 'purpose'])
export class AccountToken {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_account_tokens_user' })
  user?: User;

  @Column({ type: 'varchar', length: 20 })
  @NotPersonalData('verify_email | password_reset')
  purpose: AccountTokenPurpose;

  @Column({ type: 'varchar', length: 64 })
  @NotPersonalData('SHA-256 of a random token')
  tokenHash: string;

  @Column({ type: 'varchar', length: 64 })
  emailHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
