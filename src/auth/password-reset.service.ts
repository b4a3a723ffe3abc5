import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { CryptoService } from '../crypto/crypto.service';
import { MailService } from '../mail/mail.service';
import { Transactions } from '../database/transactions';
import { QueueJob } from '../queue/queue-job.decorator';
import { QueueService } from '../queue/queue.service';
import { AccountTokensRepository } from './account-tokens.repository';
import { EmailVerificationService, invalidLinkToken } from './email-verification.service';
import { PasswordHasher } from './passwords/password-hasher';
import { SessionService } from './session.service';
import { UsersRepository } from './users.repository';
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
export class PasswordResetService {
  constructor(
    private readonly transactions: Transactions,
    private readonly queue: QueueService,
    private readonly crypto: CryptoService,
    private readonly users: UsersService,
    private readonly accounts: UsersRepository,
    private readonly tokens: AccountTokensRepository,
    private readonly mail: MailService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly verification: EmailVerificationService,
    private readonly audit: AuditService,
  ) {}

  @QueueJob(PASSWORD_RESET_QUEUE, {
    options: { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
  })
  async handle(data: PasswordResetJob): Promise<void> {
    await this.sendLink(this.crypto.decrypt(data.email_sealed, REQUEST_AAD));
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
    await this.transactions.run(async (manager) => {
      const user = await this.accounts.findByIdOrFail(found.id, manager);
      await this.tokens.revokeAll(user.id, ['password_reset'], manager);
      const { id, token } = await this.tokens.issue(
        {
          userId: user.id,
          emailHash: user.emailHash,
          purpose: 'password_reset',
          ttlSeconds: PASSWORD_RESET_TTL_MINUTES * 60,
        },
        manager,
      );
      await this.mail.enqueue(manager, {
        template: 'password_reset',
        to: user.email,
        eventKey: `password_reset:${id}`,
        category: 'essential',
        subject: { userId: user.id },
        variables: {
          recipient_name: user.fullName ?? user.username,
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
    await this.transactions.run(async (manager) => {
      const consumed = await this.tokens.consume('password_reset', token, manager);
      if (!consumed) {
        throw invalidLinkToken();
      }
      const user = await this.accounts.lockById(consumed.userId, manager);
      if (!user || !user.isActive || user.erasedAt || user.emailHash !== consumed.emailHash) {
        throw invalidLinkToken();
      }
      await this.accounts.update(
        user.id,
        { passwordHash, tokenVersion: user.tokenVersion + 1 },
        manager,
      );
      await this.sessions.revokeAllForUser(manager, user.id, 'password_reset');
      await this.tokens.revokeAll(user.id, ['password_reset'], manager);
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
