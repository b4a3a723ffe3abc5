import { Logger } from '@nestjs/common';
import { Client } from 'pg';

const RECONNECT_DELAY_MS = 1000;

export interface NotifiedCacheOptions {
  // The channel a trigger NOTIFYs at commit when the cached data changes.
  channel: string;
  databaseUrl: string;
  // 0 disables the cache: every read loads.
  ttlMs: number;
  maxEntries: number;
  // application_name of the listening connection, and the logger's context.
  name: string;
}

interface Entry {
  value: unknown;
  until: number;
}

// Values read from PostgreSQL kept in memory until the data under them changes. Correctness rests
// on invalidation, the TTL is only a backstop:
// - the owning module's trigger NOTIFYs the channel at commit; every process LISTENs and empties
//   its cache when the notification arrives;
// - nothing is cached while the LISTEN connection is down, and the cache is emptied when it is
//   lost or comes back, so a missed notification cannot keep a stale entry;
// - a load that started before an invalidation is not stored (the generation check);
// - the owner also calls invalidateAll() right after its own commits (before the answer is sent),
//   so this process never serves a value older than a change it reported.
// The oldest entry goes first when maxEntries is reached.
export class NotifiedCache {
  private readonly logger: Logger;
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: NotifiedCacheOptions) {
    this.logger = new Logger(options.name);
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0 && this.options.maxEntries > 0;
  }

  get listening(): boolean {
    return this.client !== null;
  }

  get size(): number {
    return this.entries.size;
  }

  async start(): Promise<void> {
    if (this.enabled) {
      await this.ensureListening().catch((error: Error) =>
        this.logger.warn(`listener not connected: ${error.message}`),
      );
    }
  }

  async remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.enabled) {
      return load();
    }
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now() && this.client) {
      return hit.value as T;
    }
    if (!this.client) {
      void this.ensureListening().catch(() => undefined);
    }
    const generation = this.generation;
    const value = await load();
    if (this.client && generation === this.generation) {
      if (this.entries.size >= this.options.maxEntries) {
        this.entries.delete(this.entries.keys().next().value!);
      }
      this.entries.set(key, { value, until: Date.now() + this.options.ttlMs });
    }
    return value;
  }

  invalidateAll(): void {
    this.generation++;
    this.entries.clear();
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    this.invalidateAll();
    await client?.end().catch(() => undefined);
  }

  private ensureListening(): Promise<void> {
    if (this.client || this.closed) {
      return Promise.resolve();
    }
    this.connecting ??= this.listen().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.options.databaseUrl,
      keepAlive: true,
      application_name: this.options.name,
    });
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) {
        this.invalidateAll();
      }
    });
    client.on('error', (error: Error) => {
      this.logger.warn(`listener failed: ${error.message}`);
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
      throw error;
    }
    if (this.closed) {
      await client.end();
      return;
    }
    // Whatever was loaded while nobody listened may have missed a change.
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
        this.logger.warn(`listener reconnect failed: ${error.message}`),
      );
    }, RECONNECT_DELAY_MS);
  }
}
