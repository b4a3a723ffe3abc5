import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { BadRequestProblem, UnauthorizedProblem } from '../common/errors/domain.exception';
import { Transactions } from '../database/transactions';
import { MailService } from '../mail/mail.service';
import { AccountTokensRepository } from './account-tokens.repository';
import { User } from './entities/user.entity';
import { UsersRepository } from './users.repository';

export const VERIFY_EMAIL_TTL_HOURS = 24;
// A resend within this window sends nothing new (the link already on its way still works).
const RESEND_COOLDOWN_MS = 60_000;

export interface VerifiedAddress {
  userId: string;
  email: string;
  emailVerified: true;
}

// Runs in the verifying transaction; the candidates module links the earlier record here.
export type VerifiedAddressHook = (
  manager: EntityManager,
  account: VerifiedAddress,
) => Promise<void>;

export function invalidLinkToken(): BadRequestProblem {
  return new BadRequestProblem('TOKEN_INVALID', 'This link is invalid, expired or already used', [
    { field: 'token', message: 'token is invalid, expired or already used' },
  ]);
}

// Sign-up sends a link; following it proves the address, and only a proven address may be
// linked to the earlier applications sent under it (API.md, "Reaching people").
@Injectable()
export class EmailVerificationService {
  private readonly hooks: VerifiedAddressHook[] = [];

  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
    private readonly tokens: AccountTokensRepository,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  whenVerified(hook: VerifiedAddressHook): void {
    this.hooks.push(hook);
  }

  // Issues a fresh link (older ones stop working) and queues the message, in the caller's
  // transaction.
  async sendLink(manager: EntityManager, user: User): Promise<void> {
    await this.tokens.revokeAll(user.id, ['verify_email'], manager);
    const { id, token } = await this.tokens.issue(
      {
        userId: user.id,
        emailHash: user.emailHash,
        purpose: 'verify_email',
        ttlSeconds: VERIFY_EMAIL_TTL_HOURS * 3600,
      },
      manager,
    );
    await this.mail.enqueue(manager, {
      template: 'verify_email',
      to: user.email,
      eventKey: `verify_email:${id}`,
      category: 'essential',
      subject: { userId: user.id },
      variables: {
        recipient_name: user.fullName ?? user.username,
        verify_url: this.mail.link(`/verify-email?token=${token}`),
        expires_hours: VERIFY_EMAIL_TTL_HOURS,
      },
    });
  }

  async resend(actor: AuthUser): Promise<void> {
    await this.transactions.run(async (manager) => {
      const user = await this.users.lockById(actor.id, manager);
      if (!user) {
        throw new UnauthorizedProblem();
      }
      if (user.emailVerifiedAt) {
        return;
      }
      const recent = await this.tokens.countRecentVerifyLinks(
        user.id,
        RESEND_COOLDOWN_MS / 1000,
        manager,
      );
      if (recent > 0) {
        return;
      }
      await this.sendLink(manager, user);
    });
  }

  async verify(token: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const consumed = await this.tokens.consume('verify_email', token, manager);
      if (!consumed) {
        throw invalidLinkToken();
      }
      const user = await this.users.lockById(consumed.userId, manager);
      // A link sent to an address the account no longer has proves nothing about the new one.
      if (!user || !user.isActive || user.erasedAt || user.emailHash !== consumed.emailHash) {
        throw invalidLinkToken();
      }
      await this.markVerified(manager, user);
    });
  }

  // Also used by a password reset: following a link sent to the address proves it just as well.
  async markVerified(manager: EntityManager, user: User): Promise<void> {
    if (!user.emailVerifiedAt) {
      await this.users.update(user.id, { emailVerifiedAt: new Date() }, manager);
      await this.audit.record(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'auth.email_verified',
        targetType: 'user',
        targetId: user.id,
      });
    }
    const account: VerifiedAddress = {
      userId: user.id,
      email: user.email,
      emailVerified: true,
    };
    for (const hook of this.hooks) {
      await hook(manager, account);
    }
  }
}
