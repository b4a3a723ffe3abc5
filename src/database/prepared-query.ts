import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

// Hot read paths run as named prepared statements on the pool TypeORM opened, so PostgreSQL parses
// and plans each statement once per connection instead of on every call: planning the board
// statement cost as much as running it (1.2 ms each; board 1,600 → 3,000 statements/s under
// pgbench, bench/RESULTS.md). Only for statements whose text is one of a small, fixed set: each
// distinct text stays prepared on every pooled connection for the connection's life.
// Errors are node-postgres's own, which src/database/database-errors.ts reads like TypeORM's.

const MAX_NAMES = 512;
const names = new Map<string, string>();

function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `pq_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
    if (names.size < MAX_NAMES) {
      names.set(sql, name);
    }
  }
  return name;
}

// Outside any transaction: the statement runs on whichever pooled connection is free, taken from
// the pg pool TypeORM opened (PostgresDriver.master) by pool.query, which borrows and gives back a
// client itself (a TypeORM query runner around it, created, connected and released per statement,
// showed in the board's CPU profile; bench/RESULTS.md, session 3).
export async function preparedQuery<T>(
  dataSource: DataSource,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const result = await poolOf(dataSource).query({
    name: statementName(sql),
    text: sql,
    values: params,
  });
  return result.rows as T[];
}

function poolOf(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as PostgresDriver).master as Pool | undefined;
  if (!pool) {
    throw new Error('The database is not connected');
  }
  return pool;
}
