import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../../database/prepared-query';
import type { AccountState } from '../session-state';

// The per-request read behind an access token: one prepared statement, one round trip.
@Injectable()
export class AccountStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  // The account and session, read fresh: deactivation, role and password changes and logouts
  // take effect at once on every instance.
  async read(userId: string, sessionId: string): Promise<AccountState | undefined> {
    const rows = await preparedQuery<AccountState>(
      this.dataSource,
      `SELECT u.role, u.is_active, u.token_version, u.erased_at,
              (s.revoked_at IS NOT NULL) AS session_revoked
         FROM users u
         LEFT JOIN auth_sessions s ON s.id = $2 AND s.user_id = u.id
        WHERE u.id = $1`,
      [userId, sessionId],
    );
    return rows[0];
  }
}
