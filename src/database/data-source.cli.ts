import { DataSource } from 'typeorm';
import { loadConfiguration } from '../config/configuration';
import { buildDataSourceOptions } from './data-source.options';
import { startEmbeddedPostgres } from './embedded-postgres';

// Used by the TypeORM CLI (`npm run migration:*`). Without DATABASE_URL it uses the same embedded
// cluster `npm start` does (shared with a running server), and lets go of it when the CLI
// destroys the data source at the end of its command.
async function create(): Promise<DataSource> {
  const config = loadConfiguration();
  if (config.database.url) {
    return new DataSource(buildDataSourceOptions(config.database.url, 2));
  }
  const embedded = await startEmbeddedPostgres(config.app.dataDir, {
    quiet: true,
    fallbackDir: config.database.embeddedFallbackDir,
  });
  const dataSource = new DataSource(buildDataSourceOptions(embedded.url, 2));
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    await destroy();
    await embedded.stop();
  };
  return dataSource;
}

export default create();
