import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

// Rows are sorted by key so two instances upserting overlapping keys lock them in the same order
// (no deadlock between their multi-row statements).
const UPSERT = `
  INSERT INTO rate_limit_buckets AS b (key, window_start, hits)
  SELECT u.key, u.window_start, u.hits
    FROM unnest($1::varchar[], $2::timestamptz[], $3::int[]) AS u(key, window_start, hits)
   ORDER BY u.key
  ON CONFLICT (key, window_start) DO UPDATE SET hits = b.hits + EXCLUDED.hits
  RETURNING b.key, b.hits`;

export interface WindowHits {
  storageKey: string;
  windowStart: number;
  hits: number;
}

// The shared counts of the request rate limit (no entity: a migration-only table).
@Injectable()
export class RateLimitBucketsRepository {
  constructor(private readonly dataSource: DataSource) {}

  // One statement for every key: adds the hits and answers each window's new global count.
  addHits(sent: WindowHits[]): Promise<{ key: string; hits: number }[]> {
    return this.dataSource.query<{ key: string; hits: number }[]>(UPSERT, [
      sent.map((s) => s.storageKey),
      sent.map((s) => new Date(s.windowStart).toISOString()),
      sent.map((s) => s.hits),
    ]);
  }

  async deleteWindowsStartedBefore(cutoff: Date): Promise<number> {
    const [, deleted] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM rate_limit_buckets WHERE window_start < $1::timestamptz`,
      [cutoff.toISOString()],
    );
    return deleted;
  }
}
