import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../config/namespaces';
import { TooManyRequestsProblem } from '../common/errors/domain.exception';
import { CryptoService } from '../crypto/crypto.service';
import { LoginAttemptsRepository } from './login-attempts.repository';

const WINDOW_SECONDS = 15 * 60;
// Per address: ten accounts' worth of failures, so one office behind a NAT is not locked out.
const IP_MULTIPLIER = 10;

// Failed sign-ins are counted in PostgreSQL so every instance sees the same numbers.
@Injectable()
export class LoginThrottleService {
  private readonly perAccount: number;

  constructor(
    private readonly attempts: LoginAttemptsRepository,
    private readonly crypto: CryptoService,
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
  ) {
    this.perAccount = app.loginRateLimit;
  }

  // One budget per account, whichever spelling (username or e-mail, any case) was typed; a name
  // that matches no account gets a budget of its own, so guessing at unknown names stays limited.
  keys(
    account: { id: string } | null,
    identifier: string,
    ip: string,
  ): { accountKey: string; ipKey: string } {
    return {
      accountKey: account
        ? this.crypto.blindIndex('login-account', account.id)
        : this.crypto.blindIndex('login', identifier.trim().toLowerCase()),
      ipKey: this.crypto.pseudonym('ip', ip),
    };
  }

  async assertAllowed(accountKey: string, ipKey: string): Promise<void> {
    const row = await this.attempts.countRecentFailures(accountKey, ipKey, WINDOW_SECONDS);
    const now = Date.now() / 1000;
    if (row.account_failures >= this.perAccount) {
      throw new TooManyRequestsProblem(
        'Too many failed sign-in attempts for this account; try again later',
        (row.account_oldest ?? now) + WINDOW_SECONDS - now,
      );
    }
    if (row.ip_failures >= this.perAccount * IP_MULTIPLIER) {
      throw new TooManyRequestsProblem(
        'Too many failed sign-in attempts from this address; try again later',
        (row.ip_oldest ?? now) + WINDOW_SECONDS - now,
      );
    }
  }

  async recordAttempt(accountKey: string, ipKey: string, succeeded: boolean): Promise<void> {
    await this.attempts.record(accountKey, ipKey, succeeded);
  }
}
