import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createHash, randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { ROLE_RANK, Role } from '../../common/auth/role';
import {
  BadRequestProblem,
  DomainException,
  ForbiddenProblem,
  NotFoundProblem,
  UnauthorizedProblem,
} from '../../common/errors/domain.exception';
import type { OidcSettings } from '../../config/app-config';
import { authConfig } from '../../config/namespaces';
import { CryptoService } from '../../crypto/crypto.service';
import { Transactions } from '../../database/transactions';
import { User } from '../entities/user.entity';
import { IssuedTokens, SessionService } from '../session.service';
import { UserResponse } from '../user.presenter';
import { UsersRepository } from '../users.repository';
import { OidcLoginsRepository } from './oidc-logins.repository';

type AuthResult = IssuedTokens & { user: UserResponse };
import { UsersService } from '../users.service';

const LOGIN_TTL_MS = 10 * 60_000;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

// Single sign-on for staff with openid-client: authorization code + PKCE (S256), state and nonce,
// and the ID token checked for issuer, audience, expiry, nonce and its signature against the
// provider's JWKS (non-repudiation checks on; an unknown key id makes the client fetch the JWKS
// again, which is how a rotated signing key is picked up). The pending login lives in PostgreSQL
// so the callback may reach any instance, and is deleted as it is used: a state works once.
@Injectable()
export class OidcService {
  private readonly logger = new Logger('Oidc');
  private readonly settings: OidcSettings | null;
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(
    @Inject(authConfig.KEY) auth: ConfigType<typeof authConfig>,
    private readonly transactions: Transactions,
    private readonly logins: OidcLoginsRepository,
    private readonly accounts: UsersRepository,
    private readonly users: UsersService,
    private readonly sessions: SessionService,
    private readonly crypto: CryptoService,
    private readonly audit: AuditService,
  ) {
    this.settings = auth.oidc;
  }

  get onlyStaff(): boolean {
    return this.settings?.onlyStaff ?? false;
  }

  get postLoginUrl(): string | null {
    return this.settings?.postLoginUrl ?? null;
  }

  async start(): Promise<URL> {
    const settings = this.requireSettings();
    const configuration = await this.discover();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await this.logins.deleteExpired();
    await this.logins.insert({
      id: randomUUID(),
      stateHash: sha256(state),
      codeVerifier,
      nonce,
      expiresAt: new Date(Date.now() + LOGIN_TTL_MS),
    });
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUri,
      scope: `openid email profile`,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
  }

  async callback(query: Record<string, string | undefined>): Promise<AuthResult> {
    const settings = this.requireSettings();
    const state = query.state;
    if (!state) {
      throw new BadRequestProblem('SSO_STATE_INVALID', 'The sign-in state is missing');
    }
    const pending = await this.consume(state);
    const callbackUrl = new URL(settings.redirectUri);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) {
        callbackUrl.searchParams.set(name, value);
      }
    }
    let claims: oidc.IDToken;
    try {
      const tokens = await oidc.authorizationCodeGrant(await this.discover(), callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims()!;
    } catch (error) {
      // The reason goes to the log, not to the caller (it may quote the provider's answer).
      this.logger.warn(`SSO sign-in refused: ${(error as Error).message}`);
      if ((error as { code?: string }).code === 'OAUTH_KEY_SELECTION_FAILED') {
        this.forgetSigningKeys();
      }
      throw new UnauthorizedProblem(
        'The identity provider sign-in could not be verified',
        'SSO_FAILED',
      );
    }
    return this.signIn(settings, claims);
  }

  private async signIn(settings: OidcSettings, claims: oidc.IDToken): Promise<AuthResult> {
    const email = typeof claims.email === 'string' ? claims.email : null;
    if (!email || claims.email_verified !== true) {
      throw new ForbiddenProblem(
        'SSO_EMAIL_UNVERIFIED',
        'The identity provider did not vouch for this e-mail address',
      );
    }
    const role = this.roleFrom(settings, claims[settings.roleClaim]);
    const result = await this.transactions.run(async (manager) => {
      const found = await this.accounts.lockByEmailHash(this.crypto.emailIndex(email), manager);
      if (found && (!found.isActive || found.erasedAt)) {
        throw new UnauthorizedProblem('The account is disabled', 'ACCOUNT_DISABLED');
      }
      const user = found ?? (await this.createAccount(manager, email, role));
      if (found && found.role !== role) {
        // A person removed from a group loses its role now, and their older tokens with it.
        await this.accounts.update(
          found.id,
          { role, tokenVersion: found.tokenVersion + 1 },
          manager,
        );
        await this.audit.record(manager, {
          actorId: found.id,
          actorRole: role,
          action: 'user.role_changed',
          targetType: 'user',
          targetId: found.id,
          metadata: { from: found.role, to: role, source: 'sso' },
        });
      }
      if (found && !found.emailVerifiedAt) {
        await this.accounts.update(found.id, { emailVerifiedAt: new Date() }, manager);
      }
      const current = await this.accounts.findByIdOrFail(user.id, manager);
      await this.audit.record(manager, {
        actorId: current.id,
        actorRole: current.role,
        action: 'auth.login_sso',
        targetType: 'user',
        targetId: current.id,
      });
      const tokens = await this.sessions.openSession(manager, current);
      return { user: this.users.present(current), ...tokens };
    });
    return result;
  }

  private async createAccount(manager: EntityManager, email: string, role: Role): Promise<User> {
    const id = randomUUID();
    const normalised = CryptoService.normaliseEmail(email);
    await this.accounts.insert(
      {
        id,
        username: `sso_${id.replace(/-/g, '').slice(0, 20)}`,
        email: normalised,
        emailHash: this.crypto.emailIndex(normalised),
        fullName: null,
        phone: null,
        company: null,
        // Not an argon2 hash: this account signs in through the identity provider only.
        passwordHash: '!sso',
        role,
        isActive: true,
        tokenVersion: 0,
        emailVerifiedAt: new Date(),
        erasedAt: null,
      },
      manager,
    );
    await this.audit.record(manager, {
      actorId: id,
      actorRole: role,
      action: 'user.created_by_sso',
      targetType: 'user',
      targetId: id,
      metadata: { role },
    });
    return this.accounts.findByIdOrFail(id, manager);
  }

  // The highest role any of the claim's values maps to; none: candidate.
  private roleFrom(settings: OidcSettings, claim: unknown): Role {
    const values = [claim].flat().filter((v): v is string => typeof v === 'string');
    let role = Role.Candidate;
    for (const value of values) {
      const mapped = settings.roleMap[value] as Role | undefined;
      if (mapped && ROLE_RANK[mapped] > ROLE_RANK[role]) {
        role = mapped;
      }
    }
    return role;
  }

  private async consume(state: string): Promise<{ codeVerifier: string; nonce: string }> {
    const row = await this.logins.consumeByStateHash(sha256(state));
    if (!row || row.expiresAt.getTime() <= Date.now()) {
      throw new BadRequestProblem(
        'SSO_STATE_INVALID',
        'This sign-in was already used, has expired or was not started here; start again',
      );
    }
    return row;
  }

  // An ID token signed with a key the cached JWKS lacks: the provider rotated its key. The client
  // refetches the JWKS on such a miss only when its copy is a minute old (a guard against
  // forcing fetches with made-up key ids); a new discovery starts with no copy, so the next
  // sign-in fetches the provider's current keys.
  private forgetSigningKeys(): void {
    this.configuration = null;
  }

  private discover(): Promise<oidc.Configuration> {
    const settings = this.requireSettings();
    this.configuration ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        // A plain-http issuer is only for a provider on this machine (development, tests).
        execute: settings.issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
      })
      .then((configuration) => {
        oidc.enableNonRepudiationChecks(configuration);
        return configuration;
      })
      .catch((error: Error) => {
        this.configuration = null;
        this.logger.warn(`OIDC discovery failed: ${error.message}`);
        throw new DomainException(502, 'SSO_UNAVAILABLE', 'The identity provider is unreachable');
      });
    return this.configuration;
  }

  private requireSettings(): OidcSettings {
    if (!this.settings) {
      throw new NotFoundProblem('Single sign-on');
    }
    return this.settings;
  }
}
