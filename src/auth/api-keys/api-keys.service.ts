import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { AuditService } from '../../audit/audit.service';
import { ADMIN_SCOPE, ApiKeyCallers } from '../../common/auth/api-scopes';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { Role } from '../../common/auth/role';
import {
  BadRequestProblem,
  NotFoundProblem,
  UnauthorizedProblem,
} from '../../common/errors/domain.exception';
import { Page } from '../../common/pagination/cursor';
import { CryptoService } from '../../crypto/crypto.service';
import { Transactions } from '../../database/transactions';
import { AccountStateCache } from '../account-state/account-state.cache';
import { ApiKey } from '../entities/api-key.entity';
import { UsersRepository } from '../users.repository';
import {
  ApiKeyQueryDto,
  ApiKeyResponse,
  CreateApiKeyDto,
  CreatedApiKeyResponse,
} from './api-key.dto';
import { ApiKeysRepository } from './api-keys.repository';

// pnl_<key id, 32 hex>_<43 characters of base64url: 256 random bits>
const KEY_FORMAT = /^pnl_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
// last_used_at is written at most this often per key and process: a write per request would cost
// more than the authentication it records.
const LAST_USED_INTERVAL_MS = 60_000;

interface KeyState {
  secretHash: string;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  role: Role;
  accountUsable: boolean;
}

function hashKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

function uuidFromHex(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function present(key: ApiKey): ApiKeyResponse {
  return {
    id: key.id,
    name: key.name,
    scopes: key.scopes,
    prefix: key.prefix,
    created_at: key.createdAt.toISOString(),
    expires_at: key.expiresAt?.toISOString() ?? null,
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
  };
}

// Service accounts for integrations. A key acts as its own `users` row (recruiter, or admin when
// granted the `admin` scope) that cannot sign in with a password; revoking the key deactivates it.
@Injectable()
export class ApiKeysService implements ApiKeyCallers {
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly transactions: Transactions,
    private readonly keys: ApiKeysRepository,
    private readonly users: UsersRepository,
    private readonly crypto: CryptoService,
    private readonly audit: AuditService,
    private readonly accounts: AccountStateCache,
  ) {}

  async create(actor: AuthUser, dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    const expiresAt = dto.expires_at ? new Date(dto.expires_at) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new BadRequestProblem('VALIDATION_FAILED', 'expires_at must be in the future', [
        { field: 'expires_at', message: 'expires_at must be in the future' },
      ]);
    }
    const id = randomUUID();
    const hex = id.replace(/-/g, '');
    const key = `pnl_${hex}_${randomBytes(32).toString('base64url')}`;
    const prefix = key.slice(0, 12);
    const email = `${id}@api-keys.invalid`;
    const saved = await this.transactions.run(async (manager) => {
      await this.users.insert(
        {
          id,
          username: `apikey_${hex}`,
          email,
          emailHash: this.crypto.emailIndex(email),
          fullName: null,
          phone: null,
          company: null,
          // Not an argon2 hash: no password ever verifies against it.
          passwordHash: '!api-key',
          role: dto.scopes.includes(ADMIN_SCOPE) ? Role.Admin : Role.Recruiter,
          isActive: true,
          tokenVersion: 0,
          emailVerifiedAt: null,
          erasedAt: null,
        },
        manager,
      );
      await this.keys.insert(
        {
          id,
          name: dto.name.trim(),
          prefix,
          secretHash: hashKey(key).toString('hex'),
          scopes: dto.scopes,
          expiresAt,
          revokedAt: null,
          lastUsedAt: null,
          createdBy: actor.id,
        },
        manager,
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'api_key.created',
        targetType: 'api_key',
        targetId: id,
        metadata: { scopes: dto.scopes.join(',') },
      });
      return this.keys.findByIdOrFail(id, manager);
    });
    const { last_used_at: _lastUsed, revoked_at: _revoked, ...shown } = present(saved);
    return { ...shown, key };
  }

  async list(query: ApiKeyQueryDto): Promise<Page<ApiKeyResponse>> {
    return this.keys.listNewestFirst(query, present);
  }

  // Effective at once: the triggers notify every instance, this one drops its cache on commit.
  async revoke(actor: AuthUser, id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const key = await this.keys.lockById(id, manager);
      if (!key) {
        throw new NotFoundProblem('API key');
      }
      if (key.revokedAt) {
        return;
      }
      await this.keys.markRevoked(id, manager);
      await this.users.update(id, { isActive: false }, manager);
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'api_key.revoked',
        targetType: 'api_key',
        targetId: id,
      });
    });
  }

  // The caller behind a `pnl_` bearer token, or a 401 that says why not.
  async authenticate(token: string): Promise<AuthUser> {
    const match = KEY_FORMAT.exec(token);
    if (!match) {
      throw new UnauthorizedProblem('The API key is invalid', 'API_KEY_INVALID');
    }
    const id = uuidFromHex(match[1]);
    const state = await this.accounts.remember(id, 'api-key', () => this.readState(id));
    if (!state || !timingSafeEqual(Buffer.from(state.secretHash, 'hex'), hashKey(token))) {
      throw new UnauthorizedProblem('The API key is invalid', 'API_KEY_INVALID');
    }
    if (state.revokedAt || !state.accountUsable) {
      throw new UnauthorizedProblem('The API key was revoked', 'API_KEY_REVOKED');
    }
    if (state.expiresAt && state.expiresAt.getTime() <= Date.now()) {
      throw new UnauthorizedProblem('The API key has expired', 'API_KEY_EXPIRED');
    }
    this.touch(id);
    return { id, role: state.role, sessionId: id, apiKey: { id, scopes: state.scopes } };
  }

  private async readState(id: string): Promise<KeyState | null> {
    const row = await this.keys.readAccountState(id);
    return row
      ? {
          secretHash: row.secret_hash,
          scopes: row.scopes,
          expiresAt: row.expires_at,
          revokedAt: row.revoked_at,
          role: row.role,
          accountUsable: row.usable,
        }
      : null;
  }

  private touch(id: string): void {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(id) ?? 0) < LAST_USED_INTERVAL_MS) {
      return;
    }
    this.lastUsedWritten.set(id, now);
    void this.keys.touchLastUsed(id).catch(() => this.lastUsedWritten.delete(id));
  }
}
