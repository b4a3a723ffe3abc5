import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataHandler,
  PersonalDataProvider,
  PersonalDataSubject,
  RetentionContext,
} from '../kernel/personal-data/personal-data-handler';
import { User } from './entities/user.entity';
import { AccountTokensRepository } from './account-tokens.repository';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { LoginThrottleService } from './login-throttle.service';
import { SessionsRepository } from './sessions.repository';
import { UsersRepository } from './users.repository';

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
    refresh_tokens: (context: RetentionContext) => this.sessions.purgeEnded(context),
    login_attempts: (context: RetentionContext) => this.attempts.purgeOlderThanCutoff(context),
  };

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly attempts: LoginAttemptsRepository,
    private readonly linkTokens: AccountTokensRepository,
    private readonly throttle: LoginThrottleService,
  ) {}

  async export(subject: PersonalDataSubject, manager?: EntityManager): Promise<PersonalDataExport> {
    const user = subject.userId ? await this.users.findById(subject.userId, manager) : null;
    if (!user) {
      return { records: {} };
    }
    const sessions = await this.sessions.listForExport(user.id, manager);
    const attempts = await this.attempts.listForAccountKeys(this.accountKeys(user), manager);
    return {
      records: {
        account: [
          {
            id: user.id,
            username: user.username,
            email: user.email,
            full_name: user.fullName,
            phone: user.phone,
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
    const user = subject.userId ? await this.users.lockById(subject.userId, manager) : null;
    if (!user) {
      return {};
    }
    const counts: ErasureCounts = {};
    // Refresh tokens go with their sessions (ON DELETE CASCADE); access tokens die with the
    // account (the guard refuses erased and inactive accounts on every request).
    counts.sessions = await this.sessions.deleteAllForUser(user.id, manager);
    counts.account_tokens = await this.linkTokens.deleteForUser(user.id, manager);
    if (user.erasedAt) {
      return counts;
    }
    counts.login_attempts = await this.attempts.deleteForAccountKeys(
      this.accountKeys(user),
      manager,
    );
    // Random replacements, not NULLs: the columns are NOT NULL and unique, and nothing derived
    // from the old values may remain (a hash of the e-mail would still single the person out).
    await this.users.update(
      user.id,
      {
        username: `erased-${randomBytes(8).toString('hex')}`,
        email: `erased-${randomUUID()}@erased.invalid`,
        emailHash: randomBytes(32).toString('base64url'),
        fullName: null,
        phone: null,
        company: null,
        passwordHash: '!erased',
        isActive: false,
        tokenVersion: user.tokenVersion + 1,
        erasedAt: new Date(),
      },
      manager,
    );
    counts.users = 1;
    return counts;
  }

  // The account's own key, plus the typed-spelling keys that rows from before #13.3 carry.
  private accountKeys(user: User): string[] {
    return [
      this.throttle.keys(user, user.username, '').accountKey,
      ...[user.username, user.email].map((typed) => this.throttle.keys(null, typed, '').accountKey),
    ];
  }
}
