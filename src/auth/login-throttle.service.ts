import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { AppConfig, AppSettings } from '../config/app-config';
import { TooManyRequestsProblem } from '../common/errors/domain.exception';
import { CryptoService } from '../crypto/crypto.service';
import { LoginAttempt } from './entities/login-attempt.entity';

const WINDOW_SECONDS = 15 * 60;
// Per address: ten accounts' worth of failures, so one office behind a NAT is not locked out.
const IP_MULTIPLIER = 10;

// Failed sign-ins are counted in PostgreSQL so every instance sees the same numbers.
@Injectable()
export class LoginThrottleService {
  private readonly perAccount: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.perAccount = config.get<AppSettings>('app').loginRateLimit;
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
    const [row] = await this.dataSource.query<
      {
        account_failures: number;
        ip_failures: number;
        account_oldest: number | null;
        ip_oldest: number | null;
      }[]
    >(
      `SELECT
         count(*) FILTER (WHERE account_key = $1)::int AS account_failures,
         count(*) FILTER (WHERE ip_key = $2)::int AS ip_failures,
         extract(epoch FROM min(attempted_at) FILTER (WHERE account_key = $1))::float AS account_oldest,
         extract(epoch FROM min(attempted_at) FILTER (WHERE ip_key = $2))::float AS ip_oldest
       FROM login_attempts
       WHERE NOT succeeded
         AND attempted_at > now() - make_interval(secs => $3)
         AND (account_key = $1 OR ip_key = $2)`,
      [accountKey, ipKey, WINDOW_SECONDS],
    );
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
    await this.dataSource.getRepository(LoginAttempt).insert({ accountKey, ipKey, succeeded });
  }
}
