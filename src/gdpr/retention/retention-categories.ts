import type { RetentionCategory } from '../../kernel/personal-data/personal-data-handler';
import type { RetentionAction } from '../entities/retention-policy.entity';

export interface RetentionCategoryDefinition {
  category: RetentionCategory;
  description: string;
  // The migration seeds these; NULL (default) days means DATA_RETENTION_DEFAULT_DAYS.
  allowedActions: readonly RetentionAction[];
  maxDays?: number;
}

// What each category covers and which clock its days count from. The work itself is done by the
// personal-data handlers that declare a hook for the category.
export const RETENTION_DEFINITIONS: readonly RetentionCategoryDefinition[] = [
  {
    category: 'rejected_withdrawn_applications',
    description:
      'People whose every application was rejected or withdrawn: anonymised this many days after the last one reached that stage (talent-pool members and legal holds are kept)',
    allowedActions: ['anonymize'],
  },
  {
    category: 'unattached_uploads',
    description:
      'Résumés never attached to a candidate, by upload time (the hourly purge keeps the API’s 24 h promise; this can only shorten it)',
    allowedActions: ['delete'],
    maxDays: 1,
  },
  {
    category: 'recordings',
    description: 'Recorded audio answers, by submission time (transcripts and scores stay)',
    allowedActions: ['delete'],
  },
  {
    category: 'expired_exports',
    description: 'GDPR export files, counted from their expiry',
    allowedActions: ['delete'],
  },
  {
    category: 'refresh_tokens',
    description: 'Sign-in sessions and their refresh tokens, from revocation or last token expiry',
    allowedActions: ['delete'],
  },
  {
    category: 'login_attempts',
    description: 'Sign-in attempt records used for throttling, by attempt time',
    allowedActions: ['delete'],
  },
  {
    category: 'mail',
    description:
      'Outgoing e-mail (recipient, rendered text and HTML, delivery log) once sent, failed or kept unsent for lack of SMTP, by creation time',
    allowedActions: ['delete'],
  },
];

export const AUDIT_POLICY = {
  category: 'audit',
  description: 'Audit log: PII-free and tamper-evident; never deleted',
  days: null,
  action: 'keep',
  allowed_actions: [] as string[],
  uses_default_days: false,
  updated_at: null,
};

export function retentionDefinition(category: string): RetentionCategoryDefinition | undefined {
  return RETENTION_DEFINITIONS.find((d) => d.category === category);
}
