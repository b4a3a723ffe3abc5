import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { RetentionContext } from '../kernel/personal-data/personal-data-handler';
import { purgeInBatches } from '../kernel/personal-data/retention-batches';
import { LoginAttempt } from './entities/login-attempt.entity';

export interface RecentFailures {
  account_failures: number;
  ip_failures: number;
  account_oldest: number | null;
  ip_oldest: number | null;
}

// Sign-in attempts, counted in PostgreSQL so every instance sees the same numbers.
@Injectable()
export class LoginAttemptsRepository {
  constructor(@InjectRepository(LoginAttempt) private readonly rows: Repository<LoginAttempt>) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.rows.manager;
  }

  // Failures of the last `windowSeconds` for this account key and for this address.
  async countRecentFailures(
    accountKey: string,
    ipKey: string,
    windowSeconds: number,
  ): Promise<RecentFailures> {
    const [row] = await this.rows.query<RecentFailures[]>(
      `SELECT
         count(*) FILTER (WHERE account_key = $1)::int AS account_failures,
         count(*) FILTER (WHERE ip_key = $2)::int AS ip_failures,
         extract(epoch FROM min(attempted_at) FILTER (WHERE account_key = $1))::float AS account_oldest,
         extract(epoch FROM min(attempted_at) FILTER (WHERE ip_key = $2))::float AS ip_oldest
       FROM login_attempts
       WHERE NOT succeeded
         AND attempted_at > now() - make_interval(secs => $3)
         AND (account_key = $1 OR ip_key = $2)`,
      [accountKey, ipKey, windowSeconds],
    );
    return row;
  }

  async record(accountKey: string, ipKey: string, succeeded: boolean): Promise<void> {
    await this.rows.insert({ accountKey, ipKey, succeeded });
  }

  listForAccountKeys(
    accountKeys: string[],
    manager?: EntityManager,
  ): Promise<Record<string, unknown>[]> {
    return this.on(manager).query<Record<string, unknown>[]>(
      `SELECT id::text AS id, attempted_at, succeeded FROM login_attempts
        WHERE account_key = ANY($1) ORDER BY attempted_at`,
      [accountKeys],
    );
  }

  async deleteForAccountKeys(accountKeys: string[], manager?: EntityManager): Promise<number> {
    const [row] = await this.on(manager).query<{ n: number }[]>(
      `WITH d AS (DELETE FROM login_attempts WHERE account_key = ANY($1) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [accountKeys],
    );
    return row.n;
  }

  purgeOlderThanCutoff(context: RetentionContext): Promise<number> {
    return purgeInBatches(
      this.rows.manager,
      context,
      {
        count: 'SELECT count(*)::int AS n FROM login_attempts WHERE attempted_at < $1',
        batch: `WITH d AS (DELETE FROM login_attempts WHERE id IN (
                  SELECT id FROM login_attempts WHERE attempted_at < $1
                   ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING 1)
                SELECT count(*)::int AS n FROM d`,
      },
      [context.cutoff],
    );
  }
}
