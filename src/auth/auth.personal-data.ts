import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CryptoService } from '../crypto/crypto.service';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataHandler,
  PersonalDataProvider,
  PersonalDataSubject,
  RetentionContext,
} from '../kernel/personal-data/personal-data-handler';
import { purgeInBatches } from '../kernel/personal-data/retention-batches';
import { User } from './entities/user.entity';
import { LoginThrottleService } from './login-throttle.service';
import { userAad } from './user.presenter';

// Accounts, sessions, refresh tokens and sign-in attempts. Erasure keeps the users row (jobs,
// scorecards and audit entries point at it) but makes it anonymous and unusable.
@Injectable()
@PersonalDataProvider()
export class AuthPersonalData implements PersonalDataHandler {
  readonly name = 'auth';
  readonly tables = {
    users: [
      'username',
      'email_encrypted',
      'email_hash',
      'full_name_encrypted',
      'phone_encrypted',
      'company_encrypted',
      'company',
      'password_hash',
    ],
    auth_sessions: 'rows',
    refresh_tokens: 'rows',
    login_attempts: 'rows',
    // E-mailed link tokens (verification, password reset): hashes, deleted with the person.
    account_tokens: 'rows',
  } as const;
  readonly retention = {
    refresh_tokens: (context: RetentionContext) => this.purgeEndedSessions(context),
    login_attempts: (context: RetentionContext) => this.purgeLoginAttempts(context),
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly throttle: LoginThrottleService,
  ) {}

  async export(
    subject: PersonalDataSubject,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonalDataExport> {
    const user = subject.userId ? await manager.findOneBy(User, { id: subject.userId }) : null;
    if (!user) {
      return { records: {} };
    }
    const email = this.crypto.decrypt(user.emailEncrypted, userAad(user.id, 'email'));
    const sessions = await manager.query<Record<string, unknown>[]>(
      `SELECT s.id, s.created_at, s.revoked_at, s.revoked_reason,
              count(t.id)::int AS refresh_tokens_issued, max(t.expires_at) AS last_token_expires_at
         FROM auth_sessions s LEFT JOIN refresh_tokens t ON t.session_id = s.id
        WHERE s.user_id = $1
        GROUP BY s.id ORDER BY s.created_at`,
      [user.id],
    );
    const attempts = await manager.query<Record<string, unknown>[]>(
      `SELECT id::text AS id, attempted_at, succeeded FROM login_attempts
        WHERE account_key = ANY($1) ORDER BY attempted_at`,
      [this.accountKeys(user, email)],
    );
    return {
      records: {
        account: [
          {
            id: user.id,
            username: user.username,
            email,
            full_name: this.crypto.decryptNullable(
              user.fullNameEncrypted,
              userAad(user.id, 'full_name'),
            ),
            phone: this.crypto.decryptNullable(user.phoneEncrypted, userAad(user.id, 'phone')),
            company: user.company,
            role: user.role,
            is_active: user.isActive,
            created_at: user.createdAt,
            updated_at: user.updatedAt,
          },
        ],
        sessions,
        login_attempts: attempts,
      },
    };
  }

  async erase(subject: PersonalDataSubject, manager: EntityManager): Promise<ErasureCounts> {
    const user = subject.userId
      ? await manager.findOne(User, {
          where: { id: subject.userId },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!user) {
      return {};
    }
    const counts: ErasureCounts = {};
    // Refresh tokens go with their sessions (ON DELETE CASCADE); access tokens die with the
    // account (the guard refuses erased and inactive accounts on every request).
    const [sessions] = await manager.query<{ n: number }[]>(
      `WITH d AS (DELETE FROM auth_sessions WHERE user_id = $1 RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [user.id],
    );
    counts.sessions = sessions.n;
    const [, linkTokens] = await manager.query<[unknown[], number]>(
      `DELETE FROM account_tokens WHERE user_id = $1`,
      [user.id],
    );
    counts.account_tokens = linkTokens ?? 0;
    if (user.erasedAt) {
      return counts;
    }
    const email = this.crypto.decrypt(user.emailEncrypted, userAad(user.id, 'email'));
    const [attempts] = await manager.query<{ n: number }[]>(
      `WITH d AS (DELETE FROM login_attempts WHERE account_key = ANY($1) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [this.accountKeys(user, email)],
    );
    counts.login_attempts = attempts.n;
    // Random replacements, not NULLs: the columns are NOT NULL and unique, and nothing derived
    // from the old values may remain (a hash of the e-mail would still single the person out).
    await manager.update(
      User,
      { id: user.id },
      {
        username: `erased-${randomBytes(8).toString('hex')}`,
        emailEncrypted: this.crypto.encrypt(
          `erased-${randomUUID()}@erased.invalid`,
          userAad(user.id, 'email'),
        ),
        emailHash: randomBytes(32).toString('base64url'),
        fullNameEncrypted: null,
        phoneEncrypted: null,
        company: null,
        passwordHash: '!erased',
        isActive: false,
        tokenVersion: user.tokenVersion + 1,
        erasedAt: new Date(),
      },
    );
    counts.users = 1;
    return counts;
  }

  // The account's own key, plus the typed-spelling keys that rows from before #13.3 carry.
  private accountKeys(user: User, email: string): string[] {
    return [
      this.throttle.keys(user, user.username, '').accountKey,
      ...[user.username, email].map((typed) => this.throttle.keys(null, typed, '').accountKey),
    ];
  }

  // Sessions that were revoked, or whose every refresh token expired, before the cutoff.
  private purgeEndedSessions(context: RetentionContext): Promise<number> {
    const due = `(s.revoked_at IS NOT NULL AND s.revoked_at < $1)
      OR (s.revoked_at IS NULL AND s.created_at < $1 AND NOT EXISTS
          (SELECT 1 FROM refresh_tokens t WHERE t.session_id = s.id AND t.expires_at >= $1))`;
    return purgeInBatches(
      this.dataSource,
      context,
      {
        count: `SELECT count(*)::int AS n FROM auth_sessions s WHERE ${due}`,
        batch: `WITH d AS (DELETE FROM auth_sessions WHERE id IN (
                  SELECT s.id FROM auth_sessions s WHERE ${due}
                   ORDER BY s.id LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING 1)
                SELECT count(*)::int AS n FROM d`,
      },
      [context.cutoff],
    );
  }

  private purgeLoginAttempts(context: RetentionContext): Promise<number> {
    return purgeInBatches(
      this.dataSource,
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
