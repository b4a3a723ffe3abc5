import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './app.setup';
import { createRootLogger } from './common/logging/root-logger';
import { loadConfiguration } from './config/configuration';
import { ensureEmbeddedDatabase, stopEmbeddedDatabase } from './database/database-url.provider';

// `node dist/src/openapi-export.js <file>`: writes the OpenAPI document the server publishes at
// /docs-json, without listening on a port (the typed client in clients/typescript is generated
// from it: `npm run client:generate`). Uses DATABASE_URL, or the embedded database like `npm start`.
async function exportDocument(target: string): Promise<void> {
  const config = loadConfiguration();
  const logger = createRootLogger('error');
  if (!config.database.url) {
    await ensureEmbeddedDatabase(config.app, config.database);
  }
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    createFastifyAdapter(logger, config.app.http),
    { logger: ['error'], rawBody: true, abortOnError: false },
  );
  try {
    await configureApp(app);
    await app.init();
    const answer = await app.getHttpAdapter().getInstance().inject({ url: '/docs-json' });
    if (answer.statusCode !== 200) {
      throw new Error(`/docs-json answered ${answer.statusCode}`);
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${JSON.stringify(JSON.parse(answer.body), null, 2)}\n`);
  } finally {
    await app.close();
    await stopEmbeddedDatabase();
  }
}

const target = process.argv[2];
if (!target) {
  process.stderr.write('usage: node dist/src/openapi-export.js <output.json>\n');
  process.exit(2);
}
exportDocument(target).then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`OpenAPI export failed: ${error.message}\n`);
    void stopEmbeddedDatabase().finally(() => process.exit(1));
  },
);
