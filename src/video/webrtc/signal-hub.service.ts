import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { RESOLVED_DATABASE_URL } from '../../database/database.tokens';

export const SIGNAL_CHANNEL = 'video_signals';
const RECONNECT_DELAY_MS = 1000;

type Wake = () => void;

// One LISTEN connection per process, fanned out to the streams open in this process. A NOTIFY
// only says "room X has a new message"; each stream then reads the table (the source of truth),
// so a message posted on any API instance reaches subscribers on every instance, and nothing is
// lost when a notification is: streams also re-read on reconnect and on every heartbeat.
@Injectable()
export class SignalHub implements OnModuleDestroy {
  private readonly logger = new Logger('VideoSignals');
  private readonly rooms = new Map<string, Set<Wake>>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(@Inject(RESOLVED_DATABASE_URL) private readonly databaseUrl: string) {}

  get subscriberCount(): number {
    let count = 0;
    for (const set of this.rooms.values()) {
      count += set.size;
    }
    return count;
  }

  // Resolves once this process is LISTENing, so a read that follows misses nothing.
  async subscribe(roomId: string, wake: Wake): Promise<() => void> {
    const set = this.rooms.get(roomId) ?? new Set<Wake>();
    set.add(wake);
    this.rooms.set(roomId, set);
    const unsubscribe = () => {
      set.delete(wake);
      if (set.size === 0 && this.rooms.get(roomId) === set) {
        this.rooms.delete(roomId);
      }
    };
    try {
      await this.ensureListening();
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
    }
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private ensureListening(): Promise<void> {
    if (this.client) {
      return Promise.resolve();
    }
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.databaseUrl,
      keepAlive: true,
      application_name: 'panelist-video-signals',
    });
    client.on('notification', (message) => {
      if (message.channel === SIGNAL_CHANNEL && message.payload) {
        this.wakeRoom(message.payload.split(':')[0]);
      }
    });
    client.on('error', (error: Error) => {
      this.logger.warn(`Signal listener connection failed: ${error.message}`);
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    await client.connect();
    await client.query(`LISTEN ${SIGNAL_CHANNEL}`);
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
  }

  private drop(client: Client): void {
    if (this.client !== client) {
      return;
    }
    this.client = null;
    void client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.rooms.size === 0 || this.reconnectTimer) {
      return;
    }
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.ensureListening()
        // Notifications sent while we were away are gone: every stream re-reads the table.
        .then(() => [...this.rooms.keys()].forEach((room) => this.wakeRoom(room)))
        .catch((error: Error) => {
          this.logger.warn(`Signal listener reconnect failed: ${error.message}`);
          this.scheduleReconnect();
        });
    }, RECONNECT_DELAY_MS);
  }

  private wakeRoom(roomId: string): void {
    for (const wake of this.rooms.get(roomId) ?? []) {
      wake();
    }
  }
}
