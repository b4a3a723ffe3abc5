import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { authConfig } from '../../config/namespaces';
import { RESOLVED_DATABASE_URL } from '../../database/database.tokens';
import { ReconnectingListener } from '../../database/reconnecting-listener';
import { AccountState } from '../session-state';
import { AccountStateRepository } from './account-state.repository';

// Sent by the triggers of migration AccountStateNotify (users, auth_sessions) and ApiKeys
// (api_keys) at commit, with the account's id as payload.
export const ACCOUNT_STATE_CHANNEL = 'account_state';
const MAX_ENTRIES = 50_000;

interface Entry {
  value: unknown;
  until: number;
}

// The per-request account check (disabled, erased, role or password changed, session ended) read
// from memory instead of a database round trip. Correctness rests on invalidation, not on the TTL:
// see README.md, "The account check without a database round trip".
@Injectable()
export class AccountStateCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AccountStateCache');
  private readonly entries = new Map<string, Entry>();
  private readonly keysByAccount = new Map<string, Set<string>>();
  private readonly ttlMs: number;
  private generation = 0;
  // Entries are served only while it listens: a change notified while it was down is lost, so
  // everything read before a reconnection is forgotten.
  private readonly listener: ReconnectingListener;

  constructor(
    private readonly accounts: AccountStateRepository,
    @Inject(RESOLVED_DATABASE_URL) databaseUrl: string,
    @Inject(authConfig.KEY) auth: ConfigType<typeof authConfig>,
  ) {
    this.ttlMs = auth.stateCacheTtlMs;
    this.listener = new ReconnectingListener({
      databaseUrl,
      channel: ACCOUNT_STATE_CHANNEL,
      name: 'panelist-account-state',
      logger: this.logger,
      onNotification: (accountId) => {
        if (accountId) {
          this.invalidate(accountId);
        }
      },
      onLost: () => this.invalidateAll(),
      onReconnected: () => this.invalidateAll(),
    });
  }

  get active(): boolean {
    return this.ttlMs > 0 && this.listener.listening;
  }

  // Listening before the first request: until then every request reads the database.
  async onApplicationBootstrap(): Promise<void> {
    if (this.ttlMs > 0) {
      await this.ensureListening().catch((error: Error) =>
        this.logger.warn(`Account state listener not connected: ${error.message}`),
      );
    }
  }

  read(accountId: string, sessionId: string): Promise<AccountState | undefined> {
    return this.remember(accountId, `session:${sessionId}`, () =>
      this.accounts.read(accountId, sessionId),
    );
  }

  // Any state of an account (its sessions, its API key) read through this cache: forgotten with
  // the account's other entries when a change to the account is notified.
  async remember<T>(accountId: string, aspect: string, load: () => Promise<T>): Promise<T> {
    const key = `${accountId}:${aspect}`;
    const hit = this.entries.get(key);
    const listening = this.listener.listening;
    if (hit && hit.until > Date.now() && listening) {
      return hit.value as T;
    }
    if (this.ttlMs > 0 && !listening) {
      void this.ensureListening().catch(() => undefined);
    }
    const generation = this.generation;
    const value = await load();
    if (this.ttlMs > 0 && this.listener.listening && generation === this.generation) {
      this.store(accountId, key, value);
    }
    return value;
  }

  // A change to this account (or one of its sessions, or its API key) committed.
  invalidate(accountId: string): void {
    this.generation++;
    for (const key of this.keysByAccount.get(accountId) ?? []) {
      this.entries.delete(key);
    }
    this.keysByAccount.delete(accountId);
  }

  invalidateAll(): void {
    this.generation++;
    this.entries.clear();
    this.keysByAccount.clear();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.close();
    this.invalidateAll();
  }

  private store(accountId: string, key: string, value: unknown): void {
    if (this.entries.size >= MAX_ENTRIES) {
      this.invalidateAll();
    }
    this.entries.set(key, { value, until: Date.now() + this.ttlMs });
    const keys = this.keysByAccount.get(accountId) ?? new Set<string>();
    keys.add(key);
    this.keysByAccount.set(accountId, keys);
  }

  // Whatever was read while nobody listened may have missed a change: forgotten once listening.
  private async ensureListening(): Promise<void> {
    if (this.listener.listening) {
      return;
    }
    await this.listener.listen();
    this.invalidateAll();
  }
}
