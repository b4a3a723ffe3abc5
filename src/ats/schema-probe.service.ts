import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

// The interviews and questions modules are built separately; reports that need their tables ask
// first whether those tables (and the columns they read) exist, and answer null otherwise.
@Injectable()
export class SchemaProbeService {
  constructor(private readonly dataSource: DataSource) {}

  async has(requirements: Record<string, string[]>): Promise<Record<string, boolean>> {
    const tables = Object.keys(requirements);
    const rows = await this.dataSource.query<{ table_name: string; column_name: string }[]>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ANY($1::text[])`,
      [tables],
    );
    const present = new Map<string, Set<string>>();
    for (const row of rows) {
      present.set(row.table_name, (present.get(row.table_name) ?? new Set()).add(row.column_name));
    }
    return Object.fromEntries(
      tables.map((t) => [t, requirements[t].every((c) => present.get(t)?.has(c) ?? false)]),
    );
  }
}
