import { DataSource } from 'typeorm';
import { loadConfiguration } from '../config/configuration';
import { buildDataSourceOptions } from './data-source.options';
import { startEmbeddedPostgres } from './embedded-postgres';

// Used by the TypeORM CLI (`npm run migration:*`). Without DATABASE_URL it starts the same
// embedded cluster `npm start` uses.
async function create(): Promise<DataSource> {
  const config = loadConfiguration();
  const url =
    config.database.url ?? (await startEmbeddedPostgres(config.app.dataDir, { quiet: true })).url;
  return new DataSource(buildDataSourceOptions(url, 2));
}

export default create();
