import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

// One sign-in through the identity provider that has started and not yet come back: the PKCE
// verifier and nonce for its state. Consumed (deleted) by the callback, so a state works once.
@Entity({ name: 'oidc_logins' })
export class OidcLogin {
  @PrimaryColumn('uuid')
  id: string;

  @Index('uq_oidc_logins_state_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  @NotPersonalData('SHA-256 of a random state')
  stateHash: string;

  @Column({ type: 'varchar', length: 128 })
  @NotPersonalData('A random PKCE verifier')
  codeVerifier: string;

  @Column({ type: 'varchar', length: 128 })
  @NotPersonalData('A random nonce')
  nonce: string;

  @Index('ix_oidc_logins_expires')
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
