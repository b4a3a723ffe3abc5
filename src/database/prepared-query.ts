import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

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

// Outside any transaction: the statement runs on whichever pooled connection is free, borrowed
// through a query runner (TypeORM's public way to a driver connection: QueryRunner.connect()
// answers node-postgres's client) and given back at once.
export async function preparedQuery<T>(
  dataSource: DataSource,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    const result = await client.query({ name: statementName(sql), text: sql, values: params });
    return result.rows as T[];
  } finally {
    await runner.release();
  }
}
