import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

// A person's choice to stop non-essential mail (reminders), keyed by the keyed digest of their
// address so it works for people without an account. Erasure deletes it.
@Entity({ name: 'mail_preferences' })
export class MailPreference {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  @NotPersonalData('Keyed digest (blind index) of the address; deleted by erasure')
  recipientHash: string;

  @Column({ type: 'boolean', default: false })
  remindersOptOut: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
