export interface TableColumns {
  table: string;
  columns: readonly string[];
}

export interface UncoveredTable {
  table: string;
  columns: string[];
}

// Personal data that is not in an `*_encrypted` column: identifiers in clear, keyed digests that
// still single a person out, free text that may name someone, storage keys of personal files.
export const PERSONAL_DATA_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['username', 'email_hash', 'password_hash', 'company'],
  auth_sessions: ['user_id'],
  refresh_tokens: ['token_hash'],
  login_attempts: ['account_key', 'ip_key'],
  candidates: ['email_hash', 'name_tokens', 'location', 'current_company', 'current_position'],
  applications: ['current_company', 'current_position', 'availability'],
  application_stage_history: ['reason'],
  consents: ['candidate_id'],
  resumes: ['storage_key'],
  resume_knowledge_sets: ['content_hash'],
  interviews: ['candidate_id', 'cancel_reason'],
  interview_answers: ['audio_storage_key', 'minhash', 'lsh_bands'],
  interview_events: ['detail'],
  answer_scores: ['rationale', 'coaching'],
  audit_events: ['actor_id', 'target_id', 'ip_hash'],
  gdpr_exports: ['storage_key'],
};

// Encrypted, but not about a person: exempt from the coverage rule, with the reason.
export const ENCRYPTED_BUT_NOT_PERSONAL: Readonly<Record<string, string>> = {
  webhook_endpoints: 'signing secrets of admin-registered receivers',
};

const ENCRYPTED_COLUMN = /_encrypted$/;

export function personalDataColumns(entity: TableColumns): string[] {
  if (ENCRYPTED_BUT_NOT_PERSONAL[entity.table]) {
    return [];
  }
  const listed = new Set(PERSONAL_DATA_COLUMNS[entity.table] ?? []);
  return entity.columns.filter((c) => ENCRYPTED_COLUMN.test(c) || listed.has(c));
}

// Tables holding personal data that no registered handler declares: an export would miss them
// and an erasure would leave them behind.
export function findUncoveredTables(
  entities: readonly TableColumns[],
  coveredTables: Iterable<string>,
): UncoveredTable[] {
  const covered = new Set(coveredTables);
  return entities
    .map((entity) => ({ table: entity.table, columns: personalDataColumns(entity) }))
    .filter((entry) => entry.columns.length > 0 && !covered.has(entry.table))
    .sort((a, b) => a.table.localeCompare(b.table));
}
