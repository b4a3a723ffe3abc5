import { Logger } from '@nestjs/common';
import { Client } from 'pg';

const RECONNECT_DELAY_MS = 1000;

export interface ReconnectingListenerOptions {
  databaseUrl: string;
  channel: string;
  // application_name of the connection; also names it in the log.
  name: string;
  logger: Logger;
  onNotification(payload: string): void;
  // When the connection is lost (notifications from now on are missed until it is back).
  onLost?(): void;
  // After a lost connection is back: notifications sent in between are gone, so callers re-read.
  onReconnected?(): void;
  // Whether a lost connection is worth re-opening (e.g. only while someone is subscribed).
  wanted?(): boolean;
}

// One dedicated LISTEN connection (outside the pool: a pooled connection cannot hold a LISTEN)
// that comes back by itself after it is lost, retrying every second while it is wanted.
export class ReconnectingListener {
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: ReconnectingListenerOptions) {}

  get listening(): boolean {
    return this.client !== null;
  }

  // Resolves once LISTEN is in place, so a read that follows misses nothing; rejects when the
  // connection cannot be opened (the caller decides what that means).
  listen(): Promise<void> {
    if (this.client || this.closed) {
      return Promise.resolve();
    }
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.options.databaseUrl,
      keepAlive: true,
      application_name: this.options.name,
    });
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) {
        this.options.onNotification(message.payload ?? '');
      }
    });
    client.on('error', (error: Error) => {
      this.options.logger.warn(`${this.options.name} connection failed: ${error.message}`);
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
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
    this.options.onLost?.();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer || !(this.options.wanted?.() ?? true)) {
      return;
    }
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.listen()
        .then(() => this.options.onReconnected?.())
        .catch((error: Error) => {
          this.options.logger.warn(`${this.options.name} reconnect failed: ${error.message}`);
          this.scheduleReconnect();
        });
    }, RECONNECT_DELAY_MS);
  }
}
