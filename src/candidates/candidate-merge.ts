import { Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';

const logger = new Logger('CandidateIdentity');

// Every column in the database that references candidates(id), read from the catalogue so a
// module that adds one is covered without changes here.
const REFERENCING_COLUMNS = `
  SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
   WHERE c.contype = 'f' AND c.confrelid = 'candidates'::regclass AND array_length(c.conkey, 1) = 1`;

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

// When a verified account already has a record of its own (it applied, uploaded or gave consent
// before verifying) and an earlier unclaimed record of its address exists, the account's record is
// folded into the earlier one: every row pointing at it is re-pointed, and it is deleted, so that
// linkVerifiedAccount can link the earlier record. The earlier record's profile wins (it is what
// the applications were made with). When the two cannot be folded (both applied to the same job),
// nothing changes: the earlier record stays unclaimed and the account keeps its own.
export async function foldAccountRecordIntoUnclaimed(
  manager: EntityManager,
  userId: string,
  emailHash: string,
): Promise<void> {
  const rows = await manager.query<{ own: string | null; earlier: string | null }[]>(
    `SELECT (SELECT id FROM candidates WHERE user_id = $1) AS own,
            (SELECT id FROM candidates WHERE email_hash = $2 AND user_id IS NULL AND erased_at IS NULL
              FOR UPDATE) AS earlier`,
    [userId, emailHash],
  );
  const { own, earlier } = rows[0] ?? { own: null, earlier: null };
  if (!own || !earlier) {
    return;
  }
  const columns =
    await manager.query<{ table_name: string; column_name: string }[]>(REFERENCING_COLUMNS);
  await manager.query('SAVEPOINT fold_candidate');
  try {
    for (const { table_name, column_name } of columns) {
      const table = table_name
        .split('.')
        .map((part) => quoteIdent(part.replace(/^"|"$/g, '')))
        .join('.');
      await manager.query(
        `UPDATE ${table} SET ${quoteIdent(column_name)} = $1 WHERE ${quoteIdent(column_name)} = $2`,
        [earlier, own],
      );
    }
    await manager.query('DELETE FROM candidates WHERE id = $1', [own]);
    await manager.query('RELEASE SAVEPOINT fold_candidate');
  } catch (error) {
    await manager.query('ROLLBACK TO SAVEPOINT fold_candidate');
    logger.warn(
      `Candidate records ${own} and ${earlier} could not be folded (${(error as { code?: string }).code ?? 'error'}); the earlier one stays unclaimed`,
    );
  }
}
