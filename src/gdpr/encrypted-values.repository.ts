import { Injectable } from '@nestjs/common';
import { DataSource, EntityMetadata } from 'typeorm';

export interface EncryptedColumnRef {
  table: string;
  column: string;
}

function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

// The GDPR module's schema-wide access, by design across every module's tables: key rotation
// re-encrypts every `*_encrypted` column, the plaintext backfill empties every legacy plaintext
// column, and the personal-data coverage check reads every entity's columns. Identifiers come
// from the schema or the entity metadata, never from input.
@Injectable()
export class EncryptedValuesRepository {
  constructor(private readonly dataSource: DataSource) {}

  entityMetadatas(): readonly EntityMetadata[] {
    return this.dataSource.entityMetadatas;
  }

  // Every `*_encrypted` column (with an `id` primary key) in the public schema: the rotation needs
  // no list to maintain, and a new module's columns are covered the day they exist.
  async encryptedColumns(): Promise<EncryptedColumnRef[]> {
    const rows = await this.dataSource.query<{ table_name: string; column_name: string }[]>(
      `SELECT c.table_name, c.column_name
         FROM information_schema.columns c
        WHERE c.table_schema = 'public' AND c.column_name LIKE '%\\_encrypted'
          AND c.data_type IN ('text', 'character varying')
          AND EXISTS (SELECT 1 FROM information_schema.columns i
                       WHERE i.table_schema = 'public' AND i.table_name = c.table_name
                         AND i.column_name = 'id')
        ORDER BY c.table_name, c.column_name`,
    );
    return rows.map((r) => ({ table: r.table_name, column: r.column_name }));
  }

  // Values not matching `keyPattern` (a LIKE pattern), in id order after `after`.
  notUnderKey(
    target: EncryptedColumnRef,
    keyPattern: string,
    after: string | null,
    limit: number,
  ): Promise<{ id: string; value: string }[]> {
    const column = quoted(target.column);
    return this.dataSource.query(
      `SELECT id::text AS id, ${column} AS value FROM ${quoted(target.table)}
        WHERE ${column} IS NOT NULL AND ${column} NOT LIKE $1
          ${after === null ? '' : 'AND id > $3'}
        ORDER BY id LIMIT $2`,
      after === null ? [keyPattern, limit] : [keyPattern, limit, after],
    );
  }

  // One transaction; compare-and-set: a value rewritten meanwhile is already under the current key.
  async replaceValues(
    target: EncryptedColumnRef,
    replacements: { id: string; from: string; to: string }[],
  ): Promise<void> {
    const column = quoted(target.column);
    await this.dataSource.transaction(async (manager) => {
      for (const r of replacements) {
        await manager.query(
          `UPDATE ${quoted(target.table)} SET ${column} = $1 WHERE id = $2 AND ${column} = $3`,
          [r.to, r.id, r.from],
        );
      }
    });
  }

  async countNotUnderKey(target: EncryptedColumnRef, keyPattern: string): Promise<number> {
    const column = quoted(target.column);
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${quoted(target.table)}
        WHERE ${column} IS NOT NULL AND ${column} NOT LIKE $1`,
      [keyPattern],
    );
    return row.n;
  }

  // One batch of rows still holding plaintext in `legacy`, locked (SKIP LOCKED, so instances can
  // run side by side); `derive` gives the values of `set` ($2…) for each, and the plaintext is
  // cleared. Returns how many rows it handled.
  async backfillBatch(
    step: { table: string; legacy: string; set: string },
    limit: number,
    derive: (id: string, plain: string) => unknown[],
  ): Promise<number> {
    const table = quoted(step.table);
    const legacy = quoted(step.legacy);
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<{ id: string; plain: string | number }[]>(
        `SELECT id::text AS id, ${legacy} AS plain FROM ${table}
          WHERE ${legacy} IS NOT NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      for (const row of rows) {
        await manager.query(`UPDATE ${table} SET ${step.set}, ${legacy} = NULL WHERE id = $1`, [
          row.id,
          ...derive(row.id, String(row.plain)),
        ]);
      }
      return rows.length;
    });
  }
}
