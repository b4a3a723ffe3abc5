import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Role } from '../../common/auth/role';
import { EncryptedColumn } from '../../crypto/encrypted-column';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

// Contact fields are encrypted (@EncryptedColumn); `email_hash` is the blind index used for
// look-ups and uniqueness.
@Entity({ name: 'users' })
export class User {
  @PrimaryColumn('uuid')
  id: string;

  @Index('uq_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @EncryptedColumn({ nullable: false })
  email: string;

  @Index('uq_users_email_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  emailHash: string;

  @EncryptedColumn()
  fullName: string | null;

  @EncryptedColumn()
  phone: string | null;

  @EncryptedColumn({ legacy: 'legacyCompany' })
  company: string | null;

  // The plaintext column `company` replaces, until the backfill (src/gdpr) has emptied it.
  @Column({ name: 'company', type: 'varchar', length: 200, nullable: true })
  legacyCompany: string | null;

  @Column({ type: 'text' })
  passwordHash: string;

  @Index('ix_users_role')
  @Column({ type: 'varchar', length: 20 })
  @NotPersonalData('A role name')
  role: Role;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  // Bumped by password change, role change and deactivation: every earlier token stops working.
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  // Set when the owner proved they read mail at `email` (verification or password-reset link).
  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
