import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Client } from 'pg';
import { authConfig } from '../../config/namespaces';
import { RESOLVED_DATABASE_URL } from '../../database/database.tokens';
import { AccountState } from '../session-state';
import { AccountStateRepository } from './account-state.repository';

// Sent by the triggers of migration AccountStateNotify (users, auth_sessions) and ApiKeys
// (api_keys) at commit, with the account's id as payload.
export const ACCOUNT_STATE_CHANNEL = 'account_state';
const RECONNECT_DELAY_MS = 1000;
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
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly accounts: AccountStateRepository,
    @Inject(RESOLVED_DATABASE_URL) private readonly databaseUrl: string,
    @Inject(authConfig.KEY) auth: ConfigType<typeof authConfig>,
  ) {
    this.ttlMs = auth.stateCacheTtlMs;
  }

  get active(): boolean {
    return this.ttlMs > 0 && this.client !== null;
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
    if (hit && hit.until > Date.now() && this.client) {
      return hit.value as T;
    }
    if (this.ttlMs > 0 && !this.client) {
      void this.ensureListening().catch(() => undefined);
    }
    const generation = this.generation;
    const value = await load();
    if (this.ttlMs > 0 && this.client && generation === this.generation) {
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
    this.closed = true;
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
    }
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    this.invalidateAll();
    await client?.end().catch(() => undefined);
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

  private ensureListening(): Promise<void> {
    if (this.client || this.closed) {
      return Promise.resolve();
    }
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.databaseUrl,
      keepAlive: true,
      application_name: 'panelist-account-state',
    });
    client.on('notification', (message) => {
      if (message.channel === ACCOUNT_STATE_CHANNEL && message.payload) {
        this.invalidate(message.payload);
      }
    });
    client.on('error', (error: Error) => {
      this.logger.warn(`Account state listener failed: ${error.message}`);
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${ACCOUNT_STATE_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
      throw error;
    }
    if (this.closed) {
      await client.end();
      return;
    }
    // Whatever was read while nobody listened may have missed a change.
    this.invalidateAll();
    this.client = client;
  }

  private drop(client: Client): void {
    if (this.client !== client) {
      return;
    }
    this.client = null;
    this.invalidateAll();
    void client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) {
      return;
    }
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.ensureListening().catch((error: Error) =>
        this.logger.warn(`Account state listener reconnect failed: ${error.message}`),
      );
    }, RECONNECT_DELAY_MS);
  }
}
