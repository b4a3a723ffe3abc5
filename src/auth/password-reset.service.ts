import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CryptoService } from '../crypto/crypto.service';
import { MailService } from '../mail/mail.service';
import { QueueService } from '../queue/queue.service';
import { AccountTokensService } from './account-tokens.service';
import { EmailVerificationService, invalidLinkToken } from './email-verification.service';
import { User } from './entities/user.entity';
import { PasswordHasher } from './passwords/password-hasher';
import { SessionService } from './session.service';
import { userAad } from './user.presenter';
import { UsersService } from './users.service';

export const PASSWORD_RESET_QUEUE = 'auth-password-reset';
export const PASSWORD_RESET_TTL_MINUTES = 60;
const REQUEST_AAD = 'auth.password_reset_request';

interface PasswordResetJob {
  // The typed address, sealed: queue rows are not a place for personal data in clear.
  email_sealed: string;
}

// POST /api/auth/password-reset does the same thing for every address — seal it and queue a job
// — so neither the answer nor its timing says whether an account exists. The job looks the
// address up and, only for a usable account, issues a link and queues the e-mail.
@Injectable()
export class PasswordResetService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: QueueService,
    private readonly crypto: CryptoService,
    private readonly users: UsersService,
    private readonly tokens: AccountTokensService,
    private readonly mail: MailService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly verification: EmailVerificationService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.queue.register<PasswordResetJob>({
      name: PASSWORD_RESET_QUEUE,
      handler: (data) => this.sendLink(this.crypto.decrypt(data.email_sealed, REQUEST_AAD)),
      options: { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
    });
  }

  async request(email: string): Promise<void> {
    await this.queue.enqueue<PasswordResetJob>(PASSWORD_RESET_QUEUE, {
      email_sealed: this.crypto.encrypt(CryptoService.normaliseEmail(email), REQUEST_AAD),
    });
  }

  async sendLink(email: string): Promise<void> {
    const found = await this.users.findByEmail(email);
    if (!found || !found.isActive || found.erasedAt) {
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: found.id });
      await this.tokens.revokeAll(manager, user.id, ['password_reset']);
      const { id, token } = await this.tokens.issue(manager, {
        userId: user.id,
        emailHash: user.emailHash,
        purpose: 'password_reset',
        ttlSeconds: PASSWORD_RESET_TTL_MINUTES * 60,
      });
      const name = this.crypto.decryptNullable(
        user.fullNameEncrypted,
        userAad(user.id, 'full_name'),
      );
      await this.mail.enqueue(manager, {
        template: 'password_reset',
        to: this.crypto.decrypt(user.emailEncrypted, userAad(user.id, 'email')),
        eventKey: `password_reset:${id}`,
        category: 'essential',
        subject: { userId: user.id },
        variables: {
          recipient_name: name ?? user.username,
          reset_url: this.mail.link(`/reset-password?token=${token}`),
          expires_minutes: PASSWORD_RESET_TTL_MINUTES,
        },
      });
    });
  }

  // Single use; ends every session and token of the account, and every other open link.
  async confirm(token: string, newPassword: string): Promise<void> {
    this.users.assertPasswordAcceptable(newPassword, 'new_password');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      const consumed = await this.tokens.consume(manager, 'password_reset', token);
      if (!consumed) {
        throw invalidLinkToken();
      }
      const user = await manager.findOne(User, {
        where: { id: consumed.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user || !user.isActive || user.erasedAt || user.emailHash !== consumed.emailHash) {
        throw invalidLinkToken();
      }
      await manager.update(
        User,
        { id: user.id },
        { passwordHash, tokenVersion: user.tokenVersion + 1 },
      );
      await this.sessions.revokeAllForUser(manager, user.id, 'password_reset');
      await this.tokens.revokeAll(manager, user.id, ['password_reset']);
      await this.audit.record(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'auth.password_reset',
        targetType: 'user',
        targetId: user.id,
      });
      await this.verification.markVerified(manager, user);
    });
  }
}
