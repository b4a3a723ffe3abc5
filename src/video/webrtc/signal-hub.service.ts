import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { RESOLVED_DATABASE_URL } from '../../database/database.tokens';
import { ReconnectingListener } from '../../database/reconnecting-listener';

export const SIGNAL_CHANNEL = 'video_signals';

type Wake = () => void;

// One LISTEN connection per process, fanned out to the streams open in this process. A NOTIFY
// only says "room X has a new message"; each stream then reads the table (the source of truth),
// so a message posted on any API instance reaches subscribers on every instance, and nothing is
// lost when a notification is: streams also re-read on reconnect and on every heartbeat.
@Injectable()
export class SignalHub implements OnModuleDestroy {
  private readonly rooms = new Map<string, Set<Wake>>();
  private readonly listener: ReconnectingListener;

  constructor(@Inject(RESOLVED_DATABASE_URL) databaseUrl: string) {
    this.listener = new ReconnectingListener({
      databaseUrl,
      channel: SIGNAL_CHANNEL,
      name: 'panelist-video-signals',
      logger: new Logger('VideoSignals'),
      onNotification: (payload) => this.wakeRoom(payload.split(':')[0]),
      // Notifications sent while we were away are gone: every stream re-reads the table.
      onReconnected: () => [...this.rooms.keys()].forEach((room) => this.wakeRoom(room)),
      wanted: () => this.rooms.size > 0,
    });
  }

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
      await this.listener.listen();
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  onModuleDestroy(): Promise<void> {
    return this.listener.close();
  }

  private wakeRoom(roomId: string): void {
    for (const wake of this.rooms.get(roomId) ?? []) {
      wake();
    }
  }
}
