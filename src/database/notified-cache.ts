import { Logger } from '@nestjs/common';
import { ReconnectingListener } from './reconnecting-listener';

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
// - nothing is served or stored while the LISTEN connection is down, and the cache is emptied when
//   it comes back, so a missed notification cannot keep a stale entry;
// - a load that started before an invalidation is not stored (the generation check);
// - the owner also calls invalidateAll() right after its own commits (before the answer is sent),
//   so this process never serves a value older than a change it reported.
// The oldest entry goes first when maxEntries is reached.
export class NotifiedCache {
  private readonly entries = new Map<string, Entry>();
  private readonly listener: ReconnectingListener;
  private generation = 0;

  constructor(private readonly options: NotifiedCacheOptions) {
    const logger = new Logger(options.name);
    this.listener = new ReconnectingListener({
      databaseUrl: options.databaseUrl,
      channel: options.channel,
      name: options.name,
      logger,
      onNotification: () => this.invalidateAll(),
      onReconnected: () => this.invalidateAll(),
    });
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0 && this.options.maxEntries > 0;
  }

  async start(): Promise<void> {
    if (this.enabled) {
      await this.listenAgain();
    }
  }

  async remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.enabled) {
      return load();
    }
    if (!this.listener.listening) {
      void this.listenAgain();
      return load();
    }
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) {
      return hit.value as T;
    }
    const generation = this.generation;
    const value = await load();
    if (this.listener.listening && generation === this.generation) {
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
    await this.listener.close();
    this.invalidateAll();
  }

  // Whatever was loaded while nobody listened may have missed a change.
  private listenAgain(): Promise<void> {
    return this.listener
      .listen()
      .then(() => this.invalidateAll())
      .catch(() => undefined);
  }
}
