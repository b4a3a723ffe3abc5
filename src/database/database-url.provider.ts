import { Logger, Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, AppSettings, DatabaseSettings } from '../config/app-config';
import { RESOLVED_DATABASE_URL } from './database.tokens';
import { EmbeddedDatabaseHandle, startEmbeddedPostgres } from './embedded-postgres';

let embedded: EmbeddedDatabaseHandle | null = null;

// Stopped by main.ts after the application has closed its pools.
export async function stopEmbeddedDatabase(): Promise<void> {
  const handle = embedded;
  embedded = null;
  await handle?.stop();
}

export const databaseUrlProvider: Provider = {
  provide: RESOLVED_DATABASE_URL,
  inject: [ConfigService],
  useFactory: async (config: ConfigService<AppConfig, true>): Promise<string> => {
    const database = config.get<DatabaseSettings>('database');
    if (database.url) {
      return database.url;
    }
    if (!embedded) {
      const dataDir = config.get<AppSettings>('app').dataDir;
      new Logger('Database').log(
        `DATABASE_URL is not set: using the embedded PostgreSQL under ${dataDir}`,
      );
      embedded = await startEmbeddedPostgres(dataDir);
    }
    return embedded.url;
  },
};
