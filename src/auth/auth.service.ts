import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { OidcService } from './oidc/oidc.service';
import { AuthUser } from '../common/auth/policy.decorators';
import { isStaff, Role } from '../common/auth/role';
import {
  BadRequestProblem,
  ForbiddenProblem,
  UnauthorizedProblem,
} from '../common/errors/domain.exception';
import { Transactions } from '../database/transactions';
import { ChangePasswordDto, SignupDto } from './dto/auth.dto';
import { EmailVerificationService } from './email-verification.service';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './passwords/password-hasher';
import { IssuedTokens, SessionService } from './session.service';
import { UserResponse } from './user.presenter';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

export interface AuthResult extends IssuedTokens {
  user: UserResponse;
}

const INVALID_CREDENTIALS = 'Invalid username or password';

@Injectable()
export class AuthService {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersService,
    private readonly accounts: UsersRepository,
    private readonly sessions: SessionService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly verification: EmailVerificationService,
    private readonly sso: OidcService,
  ) {}

  async signup(dto: SignupDto): Promise<AuthResult> {
    if (dto.role !== undefined && dto.role !== String(Role.Candidate)) {
      throw new ForbiddenProblem(
        'ROLE_NOT_ALLOWED',
        'Signup always creates a candidate account; staff accounts are created by an admin',
      );
    }
    return this.transactions.run(async (manager) => {
      const user = await this.users.createUser(manager, { ...dto, role: Role.Candidate });
      await this.audit.record(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'auth.signup',
        targetType: 'user',
        targetId: user.id,
      });
      await this.verification.sendLink(manager, user);
      const tokens = await this.sessions.openSession(manager, user);
      return { user: this.users.present(user), ...tokens };
    });
  }

  // Unknown account and wrong password answer identically and cost the same (decoy hash).
  async login(identifier: string | undefined, password: string, ip: string): Promise<AuthResult> {
    if (!identifier) {
      throw new BadRequestProblem('VALIDATION_FAILED', 'username or email is required', [
        { field: 'username', message: 'username or email is required' },
      ]);
    }
    // The account is resolved before the throttle so its budget is shared by every spelling.
    const user = await this.users.findByLogin(identifier);
    const { accountKey, ipKey } = this.throttle.keys(user, identifier, ip);
    await this.throttle.assertAllowed(accountKey, ipKey);
    const usable = user && user.isActive && !user.erasedAt ? user : null;
    const ok = await this.hasher.verify(usable?.passwordHash ?? null, password);
    await this.throttle.recordAttempt(accountKey, ipKey, ok);
    if (!ok || !usable) {
      await this.audit.recordStandalone({
        actorId: null,
        action: 'auth.login_failed',
        targetType: usable ? 'user' : null,
        targetId: usable?.id ?? null,
      });
      throw new UnauthorizedProblem(INVALID_CREDENTIALS, 'INVALID_CREDENTIALS');
    }
    // OIDC_ONLY_STAFF: staff sign in through the identity provider, which can take access away.
    if (this.sso.onlyStaff && isStaff(usable.role)) {
      throw new ForbiddenProblem(
        'SSO_REQUIRED',
        'Staff sign in through single sign-on: GET /api/auth/oidc/start',
      );
    }
    return this.transactions.run(async (manager) => {
      await this.audit.record(manager, {
        actorId: usable.id,
        actorRole: usable.role,
        action: 'auth.login',
        targetType: 'user',
        targetId: usable.id,
      });
      const tokens = await this.sessions.openSession(manager, usable);
      return { user: this.users.present(usable), ...tokens };
    });
  }

  async refresh(refreshToken: string): Promise<AuthResult> {
    const { user, tokens } = await this.sessions.rotate(refreshToken);
    return { user: this.users.present(user), ...tokens };
  }

  logout(actor: AuthUser, refreshToken: string): Promise<void> {
    return this.sessions.logout(actor.id, refreshToken);
  }

  async me(actor: AuthUser): Promise<UserResponse> {
    const user = await this.users.findById(actor.id);
    if (!user) {
      throw new UnauthorizedProblem();
    }
    return this.users.present(user);
  }

  // Guessing the current password (with a stolen access token) spends the account's sign-in
  // failure budget, like guessing it at sign-in.
  async changePassword(actor: AuthUser, dto: ChangePasswordDto, ip: string): Promise<void> {
    const user = await this.users.findById(actor.id);
    if (!user) {
      throw new UnauthorizedProblem();
    }
    const { accountKey, ipKey } = this.throttle.keys(user, user.username, ip);
    await this.throttle.assertAllowed(accountKey, ipKey);
    const ok = await this.hasher.verify(user.passwordHash, dto.current_password);
    if (!ok) {
      await this.throttle.recordAttempt(accountKey, ipKey, false);
      throw new BadRequestProblem('CURRENT_PASSWORD_WRONG', 'The current password is not correct', [
        { field: 'current_password', message: 'current_password is not correct' },
      ]);
    }
    if (dto.current_password === dto.new_password) {
      throw new BadRequestProblem(
        'PASSWORD_UNCHANGED',
        'The new password must differ from the current one',
        [{ field: 'new_password', message: 'new_password must differ from current_password' }],
      );
    }
    this.users.assertPasswordAcceptable(dto.new_password, 'new_password');
    const passwordHash = await this.hasher.hash(dto.new_password);
    await this.transactions.run(async (manager) => {
      await this.accounts.update(
        user.id,
        { passwordHash, tokenVersion: user.tokenVersion + 1 },
        manager,
      );
      await this.sessions.revokeAllForUser(manager, user.id, 'password_changed');
      await this.audit.record(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'auth.password_changed',
        targetType: 'user',
        targetId: user.id,
      });
    });
  }
}
