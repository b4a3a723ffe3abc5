import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { UploadQuotaSettings } from '../config/app-config';
import { appConfig } from '../config/namespaces';
import { CryptoService } from '../crypto/crypto.service';
import { TooManyRequestsProblem } from '../common/errors/domain.exception';
import { UploadQuotaWindowsRepository } from './upload-quota-windows.repository';

const PURGE_EVERY_MS = 5 * 60_000;

// Upload quotas against disk exhaustion (issue #13.5). The request rate limit bounds how often a
// client may call; these bound how much it may store. Counts live in PostgreSQL, so every
// instance enforces one budget per address, and one statement checks and charges at once.
@Injectable()
export class UploadQuotaService {
  private readonly settings: UploadQuotaSettings;
  private lastPurge = 0;

  constructor(
    private readonly windows: UploadQuotaWindowsRepository,
    private readonly crypto: CryptoService,
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
  ) {
    this.settings = app.uploads;
  }

  // Charges one stored file of `bytes` to the client address; refuses (429) when the address has
  // used its bytes or files for this window, or when the file alone exceeds the byte budget.
  async chargeAddress(address: string, bytes: number): Promise<void> {
    const { windowSeconds, bytesPerAddress, filesPerAddress } = this.settings;
    const charged = await this.windows.chargeIfRoom({
      key: this.crypto.pseudonym('upload-quota', address),
      bytes,
      bytesPerKey: bytesPerAddress,
      filesPerKey: filesPerAddress,
      windowSeconds,
    });
    await this.purgeNowAndThen();
    if (!charged) {
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
    await this.windows.deleteOlderThan(this.settings.windowSeconds * 2);
  }
}
