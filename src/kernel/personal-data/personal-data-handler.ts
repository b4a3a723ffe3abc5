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

// Records about the person that their copy leaves out, and why (src/gdpr/README.md, "What the
// person's copy leaves out"): the count tells them the records exist.
export interface WithheldRecords {
  count: number;
  reason: string;
}

export interface PersonalDataExport {
  // Record type (becomes `<type>.csv` in a CSV export) → rows.
  records: Record<string, PersonalDataRow[]>;
  files?: PersonalDataFile[];
  // By record type; only types with a count above zero.
  withheld?: Record<string, WithheldRecords>;
}

// The person's copy never holds the hiring side's assessment: the same rule as the candidate
// routes. Handlers withhold with one of these reasons.
export const WITHHELD_ASSESSMENT =
  "The hiring team's assessment (scores, rationale, key points, recommendation, fraud risk, scorecards): candidate routes never show it, and the question material is reused for other candidates (Art. 15(4) GDPR)";
export const WITHHELD_STAFF_NOTES =
  'Reasons and notes written by the hiring team about decisions on the application (stage changes, rejections, cancellations): candidate routes never show them';

// What erasure does to a table: 'rows' deletes the subject's rows (every column with them); a
// column list clears or replaces those columns on the subject's rows; [] exports only.
export type TableErasure = 'rows' | readonly string[];

// Rows changed or removed per record type; kept on the erasure request as PII-free progress.
export type ErasureCounts = Record<string, number>;

export const RETENTION_CATEGORIES = [
  'rejected_withdrawn_applications',
  'unattached_uploads',
  'recordings',
  'expired_exports',
  'refresh_tokens',
  'login_attempts',
  'mail',
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
  // The tables this handler exports and erases, each with what its erasure does there. The
  // coverage check (personal-data-coverage.ts) requires every text-like column of every entity to
  // be erased here or declared @NotPersonalData on its entity.
  readonly tables: Readonly<Record<string, TableErasure>>;
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
