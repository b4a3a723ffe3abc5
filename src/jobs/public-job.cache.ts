import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, AppSettings } from '../config/app-config';
import { RESOLVED_DATABASE_URL } from '../database/database.tokens';
import { NotifiedCache } from '../database/notified-cache';

// Sent at commit by the statement trigger of migration PublicJobCacheNotify on jobs.
export const JOBS_CHANGED_CHANNEL = 'jobs_changed';
const MAX_ENTRIES = 5_000;

// Anonymous job reads (the list without updated_after, search, one job by id) answered from
// memory: the busiest public routes, identical for every anonymous caller. Any change to any job empties it
// on every instance (NotifiedCache); signed-in callers never go through it, so a recruiter sees
// a change at once whatever the cache holds. bench/RESULTS.md has the measurement.
@Injectable()
export class PublicJobCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly cache: NotifiedCache;

  constructor(
    @Inject(RESOLVED_DATABASE_URL) databaseUrl: string,
    config: ConfigService<AppConfig, true>,
  ) {
    this.cache = new NotifiedCache({
      channel: JOBS_CHANGED_CHANNEL,
      databaseUrl,
      ttlMs: config.get<AppSettings>('app').publicJobCacheTtlMs,
      maxEntries: MAX_ENTRIES,
      name: 'panelist-public-jobs',
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.cache.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.cache.stop();
  }

  remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.cache.remember(key, load);
  }

  invalidateAll(): void {
    this.cache.invalidateAll();
  }
}
