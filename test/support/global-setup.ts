import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { PgBoss } from 'pg-boss';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source.options';
import {
  EmbeddedDatabaseHandle,
  startEmbeddedPostgres,
} from '../../src/database/embedded-postgres';
import { runMigrationsLocked } from '../../src/database/migrator';
import { databaseUrlFor } from './database-url';

interface TestGlobals {
  embedded?: EmbeddedDatabaseHandle;
  embeddedDir?: string;
  templateName?: string;
  serverUrl?: string;
}

export const testGlobals = globalThis as unknown as { __panelist?: TestGlobals };

// Once per run: a PostgreSQL (DATABASE_URL, else an embedded one in a temp folder), a template
// database with every migration and the pg-boss schema applied. Each spec file then gets its own
// `CREATE DATABASE … TEMPLATE` copy (test/support/test-app.ts).
export default async function globalSetup(): Promise<void> {
  const state: TestGlobals = {};
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    state.embeddedDir = mkdtempSync(join(tmpdir(), 'panelist-test-'));
    // The cluster must be reachable by the postgres OS user when running as root.
    rmSync(state.embeddedDir, { recursive: true, force: true });
    state.embedded = await startEmbeddedPostgres(state.embeddedDir, {
      quiet: true,
      database: 'postgres',
    });
    serverUrl = state.embedded.url;
  }
  state.serverUrl = serverUrl;
  state.templateName = `panelist_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${state.templateName}"`);
  await admin.end();

  const templateUrl = databaseUrlFor(serverUrl, state.templateName);
  const dataSource = await new DataSource(buildDataSourceOptions(templateUrl, 2)).initialize();
  await runMigrationsLocked(dataSource);
  await dataSource.destroy();
  const boss = new PgBoss({
    connectionString: templateUrl,
    max: 2,
    supervise: false,
    schedule: false,
  });
  await boss.start();
  await boss.stop({ graceful: false });

  process.env.PANELIST_TEST_SERVER_URL = serverUrl;
  process.env.PANELIST_TEST_TEMPLATE = state.templateName;
  testGlobals.__panelist = state;
}
