import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { BadRequestProblem, UnauthorizedProblem } from '../common/errors/domain.exception';
import { CryptoService } from '../crypto/crypto.service';
import { MailService } from '../mail/mail.service';
import { AccountTokensService } from './account-tokens.service';
import { User } from './entities/user.entity';
import { userAad } from './user.presenter';

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
    private readonly dataSource: DataSource,
    private readonly tokens: AccountTokensService,
    private readonly mail: MailService,
    private readonly crypto: CryptoService,
    private readonly audit: AuditService,
  ) {}

  whenVerified(hook: VerifiedAddressHook): void {
    this.hooks.push(hook);
  }

  // Issues a fresh link (older ones stop working) and queues the message, in the caller's
  // transaction.
  async sendLink(manager: EntityManager, user: User): Promise<void> {
    const email = this.emailOf(user);
    await this.tokens.revokeAll(manager, user.id, ['verify_email']);
    const { id, token } = await this.tokens.issue(manager, {
      userId: user.id,
      emailHash: user.emailHash,
      purpose: 'verify_email',
      ttlSeconds: VERIFY_EMAIL_TTL_HOURS * 3600,
    });
    await this.mail.enqueue(manager, {
      template: 'verify_email',
      to: email,
      eventKey: `verify_email:${id}`,
      category: 'essential',
      subject: { userId: user.id },
      variables: {
        recipient_name: this.nameOf(user) ?? user.username,
        verify_url: this.mail.link(`/verify-email?token=${token}`),
        expires_hours: VERIFY_EMAIL_TTL_HOURS,
      },
    });
  }

  async resend(actor: AuthUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, {
        where: { id: actor.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) {
        throw new UnauthorizedProblem();
      }
      if (user.emailVerifiedAt) {
        return;
      }
      const [recent] = await manager.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM account_tokens
          WHERE user_id = $1 AND purpose = 'verify_email' AND used_at IS NULL
            AND created_at > now() - make_interval(secs => $2)`,
        [user.id, RESEND_COOLDOWN_MS / 1000],
      );
      if (recent.n > 0) {
        return;
      }
      await this.sendLink(manager, user);
    });
  }

  async verify(token: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const consumed = await this.tokens.consume(manager, 'verify_email', token);
      if (!consumed) {
        throw invalidLinkToken();
      }
      const user = await manager.findOne(User, {
        where: { id: consumed.userId },
        lock: { mode: 'pessimistic_write' },
      });
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
      await manager.update(User, { id: user.id }, { id: user.id, emailVerifiedAt: new Date() });
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
      email: this.emailOf(user),
      emailVerified: true,
    };
    for (const hook of this.hooks) {
      await hook(manager, account);
    }
  }

  private emailOf(user: User): string {
    return this.crypto.decrypt(user.emailEncrypted, userAad(user.id, 'email'));
  }

  private nameOf(user: User): string | null {
    return this.crypto.decryptNullable(user.fullNameEncrypted, userAad(user.id, 'full_name'));
  }
}
