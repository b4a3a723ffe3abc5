import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { DeliveredSignal, RoomSignalsRepository } from './room-signals.repository';
import { SignalHub } from './signal-hub.service';

const HEARTBEAT_MS = 15_000;
const MAX_TIMER_MS = 2_147_483_647;
const BATCH = 100;

// What keeps a stream open: the access token that opened it must still be good (session not
// logged out, account active, token not revoked), and it ends when that token expires.
export interface StreamAuthorisation {
  expiresAt: number; // unix seconds
  stillAuthorised(): Promise<boolean>;
}

export interface SignalSubscription {
  // Takes over the raw response: writes the SSE head, replays, then streams until it closes.
  attach(raw: ServerResponse, headers: OutgoingHttpHeaders): void;
  cancel(): void;
}

// Server-sent events for one participant of one room. A stream keeps only a cursor (the last
// room sequence number it has passed); every wake-up re-reads `seq > cursor` from the table, so
// it replays what was posted before it connected, and the other participant's messages arrive
// in commit order whichever API instance took them. The participant's own messages are skipped.
@Injectable()
export class SignalStreamService implements OnModuleDestroy {
  private readonly logger = new Logger('VideoSignals');
  private readonly open = new Set<() => void>();

  constructor(
    private readonly signals: RoomSignalsRepository,
    private readonly hub: SignalHub,
  ) {}

  // Subscribes before anything is written, so a failure here is still an ordinary problem answer.
  async subscribe(
    roomId: string,
    viewerId: string,
    since: number,
    authorisation: StreamAuthorisation,
  ): Promise<SignalSubscription> {
    let cursor = since;
    let pumping = false;
    let again = false;
    let closed = false;
    let raw: ServerResponse | null = null;
    let heartbeat: NodeJS.Timeout | null = null;
    let expiry: NodeJS.Timeout | null = null;

    const pump = async (): Promise<void> => {
      if (closed || !raw) {
        return;
      }
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
      try {
        do {
          again = false;
          const rows = await this.signals.listAfter(roomId, cursor, BATCH);
          // Nothing is delivered on a session that has ended since the stream opened.
          if (rows.length > 0 && !(await authorisation.stillAuthorised())) {
            close();
            return;
          }
          for (const row of rows) {
            if (closed) {
              return;
            }
            cursor = row.seq;
            const chunk = row.senderId !== viewerId ? this.format(row) : null;
            if (chunk) {
              raw.write(chunk);
            }
          }
          again ||= rows.length === BATCH;
        } while (again && !closed);
      } catch (error) {
        this.logger.warn(`Signal stream read failed: ${(error as Error).message}`);
      } finally {
        pumping = false;
      }
    };

    // Each heartbeat re-checks the session first: a logged-out or deactivated user's stream ends.
    const beat = async (response: ServerResponse): Promise<void> => {
      let authorised = false;
      try {
        authorised = await authorisation.stillAuthorised();
      } catch (error) {
        this.logger.warn(`Signal stream session check failed: ${(error as Error).message}`);
      }
      if (!authorised) {
        close();
        return;
      }
      if (!closed) {
        response.write(': keep-alive\n\n');
        void pump();
      }
    };

    const unsubscribe = await this.hub.subscribe(roomId, () => void pump());
    const close = () => {
      if (closed) {
        return;
      }
      closed = true;
      unsubscribe();
      this.open.delete(close);
      if (heartbeat) {
        clearInterval(heartbeat);
      }
      if (expiry) {
        clearTimeout(expiry);
      }
      if (raw && !raw.writableEnded) {
        raw.end();
      }
    };
    this.open.add(close);

    return {
      cancel: close,
      attach: (response, headers) => {
        raw = response;
        response.on('close', close);
        response.on('error', close);
        if (!response.socket || response.socket.destroyed) {
          close(); // the client left before the stream started
          return;
        }
        response.writeHead(200, headers);
        // Tells EventSource how soon to reconnect; also flushes the head to the client.
        response.write('retry: 3000\n\n');
        heartbeat = setInterval(() => void beat(response), HEARTBEAT_MS);
        // setTimeout holds at most 2^31-1 ms; a longer-lived token is still re-checked each beat.
        const ttl = Math.max(0, authorisation.expiresAt * 1000 - Date.now());
        expiry = setTimeout(close, Math.min(ttl, MAX_TIMER_MS));
        void pump();
      },
    };
  }

  // Ends every open stream so the HTTP server can close (app shutdown, tests).
  onModuleDestroy(): void {
    for (const close of [...this.open]) {
      close();
    }
  }

  // A message that cannot be read is skipped (and logged) rather than blocking the ones after it.
  private format(row: DeliveredSignal): string | null {
    if (row.payload === null) {
      return null; // did not decrypt; the repository logged it
    }
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload);
    } catch (error) {
      this.logger.warn(`Skipping signal ${row.id}: ${(error as Error).message}`);
      return null;
    }
    const data = JSON.stringify({
      id: row.id,
      seq: row.seq,
      type: row.type,
      from: row.senderRole,
      payload,
      sent_at: row.createdAt.toISOString(),
    });
    return `id: ${row.seq}\nevent: signal\ndata: ${data}\n\n`;
  }
}
