import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface QuotaCharge {
  key: string;
  bytes: number;
  bytesPerKey: number;
  filesPerKey: number;
  windowSeconds: number;
}

// Upload budgets per address and window (no entity: a migration-only table).
@Injectable()
export class UploadQuotaWindowsRepository {
  constructor(private readonly dataSource: DataSource) {}

  // Checks and charges in one statement: false when the window has no room for the file.
  async chargeIfRoom(charge: QuotaCharge): Promise<boolean> {
    const rows = await this.dataSource.query<{ charged: boolean }[]>(
      `WITH charged AS (
         INSERT INTO upload_quota_windows AS q (key, window_start, bytes, files)
         SELECT $1, to_timestamp(floor(extract(epoch FROM now()) / $4) * $4), $2, 1
          WHERE $2::bigint <= $3::bigint
         ON CONFLICT (key, window_start) DO UPDATE
            SET bytes = q.bytes + EXCLUDED.bytes, files = q.files + 1
          WHERE q.bytes + EXCLUDED.bytes <= $3::bigint AND q.files < $5
         RETURNING 1)
       SELECT EXISTS (SELECT 1 FROM charged) AS charged`,
      [charge.key, charge.bytes, charge.bytesPerKey, charge.windowSeconds, charge.filesPerKey],
    );
    return rows[0]?.charged === true;
  }

  async deleteOlderThan(seconds: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM upload_quota_windows WHERE window_start < now() - make_interval(secs => $1)`,
      [seconds],
    );
  }
}
