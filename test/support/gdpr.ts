import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { filesUnder } from './resume-uploads';

// Helpers for test/gdpr.e2e-spec.ts: look at everything the system stored, as an attacker with
// a database dump and a copy of the storage folder would.

const TEXT_TYPES = ['text', 'character varying', 'character', 'jsonb', 'json', 'bytea', 'ARRAY'];

// Every text-like column of every table (all schemas, pg-boss's included) as one string.
export async function dumpDatabase(dataSource: DataSource): Promise<string> {
  const columns = await dataSource.query<
    { table_schema: string; table_name: string; column_name: string; data_type: string }[]
  >(
    `SELECT c.table_schema, c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.tables t
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
        AND t.table_type = 'BASE TABLE' AND c.data_type = ANY($1)`,
    [TEXT_TYPES],
  );
  const parts: string[] = [];
  for (const c of columns) {
    const column = `"${c.column_name}"`;
    const value = c.data_type === 'bytea' ? `encode(${column}, 'escape')` : `${column}::text`;
    const [row] = await dataSource.query<{ dump: string | null }[]>(
      `SELECT string_agg(${value}, E'\\n') AS dump FROM "${c.table_schema}"."${c.table_name}"`,
    );
    parts.push(row.dump ?? '');
  }
  return parts.join('\n').toLowerCase();
}

export function storedFiles(dataDir: string): string[] {
  const root = join(dataDir, 'files');
  return existsSync(root) ? filesUnder(root).filter((f) => !f.endsWith('.tmp')) : [];
}

// The raw bytes of every stored file, as latin1 text (so any plaintext would show up).
export function storageDump(dataDir: string): string {
  return storedFiles(dataDir)
    .map((f) => readFileSync(f).toString('latin1'))
    .join('\n')
    .toLowerCase();
}

// The key id in each stored file's header (layout: "PNLF1" | id length | id | …).
export function storedFileKeyIds(dataDir: string): string[] {
  return storedFiles(dataDir).map((f) => {
    const data = readFileSync(f);
    return data.subarray(6, 6 + data[5]).toString('utf8');
  });
}

export async function valuesUnderKey(dataSource: DataSource, keyId: string): Promise<number> {
  const columns = await dataSource.query<{ table_name: string; column_name: string }[]>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name LIKE '%\\_encrypted'`,
  );
  let total = 0;
  for (const c of columns) {
    const [row] = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${c.table_name}" WHERE "${c.column_name}" LIKE $1`,
      [`enc1.${keyId}.%`],
    );
    total += row.n;
  }
  return total;
}

export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 45_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const admin = new Client({ connectionString: process.env.PANELIST_TEST_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
