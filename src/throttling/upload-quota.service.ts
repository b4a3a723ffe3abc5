import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { AppConfig, AppSettings, UploadQuotaSettings } from '../config/app-config';
import { CryptoService } from '../crypto/crypto.service';
import { TooManyRequestsProblem } from '../common/errors/domain.exception';

const PURGE_EVERY_MS = 5 * 60_000;

// Upload quotas against disk exhaustion (issue #13.5). The request rate limit bounds how often a
// client may call; these bound how much it may store. Counts live in PostgreSQL, so every
// instance enforces one budget per address, and one statement checks and charges at once.
@Injectable()
export class UploadQuotaService {
  private readonly settings: UploadQuotaSettings;
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.settings = config.get<AppSettings>('app').uploads;
  }

  // Charges one stored file of `bytes` to the client address; refuses (429) when the address has
  // used its bytes or files for this window, or when the file alone exceeds the byte budget.
  async chargeAddress(address: string, bytes: number): Promise<void> {
    const { windowSeconds, bytesPerAddress, filesPerAddress } = this.settings;
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
      [
        this.crypto.pseudonym('upload-quota', address),
        bytes,
        bytesPerAddress,
        windowSeconds,
        filesPerAddress,
      ],
    );
    await this.purgeNowAndThen();
    if (!rows[0]?.charged) {
      throw new TooManyRequestsProblem(
        `Upload quota reached for this address: at most ${filesPerAddress} files and ${bytesPerAddress} bytes every ${windowSeconds} seconds`,
        this.secondsLeftInWindow(),
        'UPLOAD_QUOTA_EXCEEDED',
      );
    }
  }

  // Refuses (429) an anonymous upload that would take the unattached total past its cap. The
  // caller reads the total; in-flight uploads on other instances can overshoot it by at most one
  // file each.
  assertPendingRoom(pendingBytes: number, bytes: number): void {
    if (pendingBytes + bytes > this.settings.pendingAnonymousBytes) {
      throw new TooManyRequestsProblem(
        'Too many anonymous uploads are waiting to be used in an application; try again later or sign in',
        this.secondsLeftInWindow(),
        'UPLOAD_CAPACITY_REACHED',
      );
    }
  }

  private secondsLeftInWindow(): number {
    const windowMs = this.settings.windowSeconds * 1000;
    return (windowMs - (Date.now() % windowMs)) / 1000;
  }

  private async purgeNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) {
      return;
    }
    this.lastPurge = Date.now();
    await this.dataSource.query(
      `DELETE FROM upload_quota_windows WHERE window_start < now() - make_interval(secs => $1)`,
      [this.settings.windowSeconds * 2],
    );
  }
}
