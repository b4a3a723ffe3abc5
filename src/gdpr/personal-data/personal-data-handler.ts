import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';

// Who a GDPR request is about. A person may have an account, a candidate record, or both; a
// candidate who applied without signing up has no account.
export interface PersonalDataSubject {
  userId: string | null;
  candidateId: string | null;
  // Export only: ids of every row exported so far, so later handlers (audit) can find what
  // refers to them. Handlers run in ascending `order`.
  relatedIds?: readonly string[];
}

// One exported row: snake_case keys, plain JSON values (personal data decrypted).
export type PersonalDataRow = Record<string, unknown>;

export interface PersonalDataFile {
  // Relative path inside the export, e.g. `resumes/<id>.pdf`; never a user-supplied name.
  path: string;
  contentType: string;
  data: Buffer;
}

export interface PersonalDataExport {
  // Record type (becomes `<type>.csv` in a CSV export) → rows.
  records: Record<string, PersonalDataRow[]>;
  files?: PersonalDataFile[];
}

// Rows changed or removed per record type; kept on the erasure request as PII-free progress.
export type ErasureCounts = Record<string, number>;

export const RETENTION_CATEGORIES = [
  'rejected_withdrawn_applications',
  'unattached_uploads',
  'recordings',
  'expired_exports',
  'refresh_tokens',
  'login_attempts',
] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

export interface RetentionContext {
  // Data older than this (per the category's own clock) is due.
  cutoff: Date;
  dryRun: boolean;
  batchSize: number;
  // Runs the full erasure (every handler) for one person; used by categories that anonymise
  // people rather than delete rows.
  eraseSubject(subject: PersonalDataSubject): Promise<void>;
}

// Returns how many items were (or, in a dry run, would be) removed or anonymised.
export type RetentionHook = (context: RetentionContext) => Promise<number>;

// Every module that stores personal data provides one of these (see src/gdpr/README.md).
export interface PersonalDataHandler {
  // Stable, unique: erasure progress is tracked by it.
  readonly name: string;
  // Tables this handler exports and erases; the registry completeness test checks that every
  // table with personal-data columns is listed by some handler.
  readonly tables: readonly string[];
  // Export and erase in ascending order (default 0).
  readonly order?: number;
  export(subject: PersonalDataSubject, manager?: EntityManager): Promise<PersonalDataExport>;
  // Must be idempotent: a retried erasure runs it again after a crash. Runs in a transaction of
  // its own; files are deleted before the rows that point at them.
  erase(subject: PersonalDataSubject, manager: EntityManager): Promise<ErasureCounts>;
  // Time-based clean-up the retention job drives; several handlers may serve one category.
  readonly retention?: Partial<Record<RetentionCategory, RetentionHook>>;
}

// Marks a provider as a PersonalDataHandler; PersonalDataRegistry discovers every marked provider
// in the application, so a module only has to list its handler among its providers.
export const PersonalDataProvider = DiscoveryService.createDecorator<void>();
