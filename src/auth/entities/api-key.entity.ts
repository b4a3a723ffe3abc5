import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
} from 'typeorm';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';
import { User } from './user.entity';

// An integration's API key. Its id is also the id of the service account (a `users` row with
// recruiter or admin role) the key acts as, so audit entries and created_by columns name the key.
// Only a SHA-256 of the key is stored: keys carry 256 random bits, so a slow hash adds nothing.
@Entity({ name: 'api_keys' })
export class ApiKey {
  @PrimaryColumn('uuid')
  id: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'id', foreignKeyConstraintName: 'fk_api_keys_account' })
  account?: User;

  @Column({ type: 'varchar', length: 100 })
  @NotPersonalData('A label an admin gives an integration')
  name: string;

  @Index('uq_api_keys_prefix', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  @NotPersonalData('The public start of a random key')
  prefix: string;

  @Column({ type: 'varchar', length: 64 })
  @NotPersonalData('SHA-256 of a random key')
  secretHash: string;

  @Column({ type: 'text', array: true })
  @NotPersonalData('Scope names such as jobs:read')
  scopes: string[];

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_api_keys_created_by' })
  creator?: User;

  @Index('ix_api_keys_created')
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
