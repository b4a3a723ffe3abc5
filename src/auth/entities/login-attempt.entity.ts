import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// Failed and successful sign-ins per account key and per client IP, both as keyed digests, so
// throttling works across instances without storing identifiers in clear.
@Entity({ name: 'login_attempts' })
@Index('ix_login_attempts_account', ['accountKey', 'attemptedAt'])
@Index('ix_login_attempts_ip', ['ipKey', 'attemptedAt'])
export class LoginAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  accountKey: string;

  @Column({ type: 'varchar', length: 32 })
  ipKey: string;

  @Column({ type: 'boolean' })
  succeeded: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  attemptedAt: Date;
}
