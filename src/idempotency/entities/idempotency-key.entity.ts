import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

export type IdempotencyState = 'in_flight' | 'completed';

// One Idempotency-Key of one caller: claimed while its first request runs, then the answer that
// request got (status, the headers worth replaying, the body encrypted), kept until expires_at.
@Entity({ name: 'idempotency_keys' })
@Index('uq_idempotency_keys_caller_key', ['caller', 'key'], { unique: true })
@Index('ix_idempotency_keys_expires', ['expiresAt'])
export class IdempotencyKey {
  @PrimaryColumn('uuid')
  id: string;

  // `user:<id>` for a signed-in caller (or an API key's account), `anon:<keyed hash of the
  // address>` for an anonymous one.
  @NotPersonalData('An account id or a keyed one-way hash of the client address')
  @Column({ type: 'varchar', length: 120 })
  caller: string;

  @NotPersonalData('An opaque token the client chose for its retries')
  @Column({ type: 'varchar', length: 255 })
  key: string;

  // SHA-256 of method, path and body; null while a multipart body is still streaming in.
  @NotPersonalData('A SHA-256 digest')
  @Column({ type: 'varchar', length: 64, nullable: true })
  fingerprint: string | null;

  @NotPersonalData('in_flight or completed')
  @Column({ type: 'varchar', length: 20 })
  state: IdempotencyState;

  @Column({ type: 'integer', nullable: true })
  responseStatus: number | null;

  @NotPersonalData('Content-Type, Location and Content-Disposition of the answer (ids only)')
  @Column({ type: 'jsonb', nullable: true })
  responseHeaders: Record<string, string> | null;

  // Encrypted: an answer may hold personal data (an application echoes the applicant's e-mail).
  // Erasure clears every stored answer (idempotency.personal-data.ts).
  @Column({ type: 'text', nullable: true })
  responseBodyEncrypted: string | null;

  // A claim whose request died with its process is taken over after this.
  @Column({ type: 'timestamptz' })
  lockedUntil: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
