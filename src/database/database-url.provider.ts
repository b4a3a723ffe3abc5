import { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, AppSettings, DatabaseSettings } from '../config/app-config';
import { RESOLVED_DATABASE_URL } from './database.tokens';
import { EmbeddedDatabaseHandle, startEmbeddedPostgres } from './embedded-postgres';

let embedded: Promise<EmbeddedDatabaseHandle> | null = null;

// The process's embedded PostgreSQL, started once. main.ts starts it before Nest so a failure is
// one readable line; other entry points (seed, CLI scripts) get it through the provider below.
export function ensureEmbeddedDatabase(
  app: Pick<AppSettings, 'dataDir'>,
  database: Pick<DatabaseSettings, 'embeddedFallbackDir'>,
): Promise<EmbeddedDatabaseHandle> {
  embedded ??= startEmbeddedPostgres(app.dataDir, { fallbackDir: database.embeddedFallbackDir });
  embedded.catch(() => (embedded = null));
  return embedded;
}

// Stopped after the application has closed its pools; the server itself stops only when no other
// process on the same DATA_DIR still uses it.
export async function stopEmbeddedDatabase(): Promise<void> {
  const handle = embedded;
  embedded = null;
  await (await handle?.catch(() => null))?.stop();
}

export const databaseUrlProvider: Provider = {
  provide: RESOLVED_DATABASE_URL,
  inject: [ConfigService],
  useFactory: async (config: ConfigService<AppConfig, true>): Promise<string> => {
    const database = config.get<DatabaseSettings>('database');
    if (database.url) {
      return database.url;
    }
    return (await ensureEmbeddedDatabase(config.get<AppSettings>('app'), database)).url;
  },
};
