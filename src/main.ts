import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './app.setup';
import { installGracefulShutdown } from './common/lifecycle/graceful-shutdown';
import {
  collectFirstAdminNotice,
  printStartupSummary,
  releaseFirstAdminNotice,
} from './common/lifecycle/startup-summary';
import { AppLogger } from './common/logging/app-logger';
import { createRootLogger } from './common/logging/root-logger';
import type { AppConfig } from './config/app-config';
import { loadConfiguration } from './config/configuration';
import { ensureEmbeddedDatabase, stopEmbeddedDatabase } from './database/database-url.provider';
import type { EmbeddedDatabaseHandle } from './database/embedded-postgres';

// Configuration and embedded-database problems are the operator's to fix: one readable line on
// stderr, no stack trace, exit code 1.
function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfiguration();
  } catch (error) {
    fail((error as Error).message);
  }
  const rootLogger = createRootLogger(config.app.logLevel);
  const logger = AppLogger.over(rootLogger);
  Logger.overrideLogger(logger);
  let embedded: EmbeddedDatabaseHandle | null = null;
  if (!config.database.url) {
    rootLogger.info(
      `DATABASE_URL is not set: using the embedded PostgreSQL of ${config.app.dataDir}`,
    );
    try {
      embedded = await ensureEmbeddedDatabase(config.app, config.database);
    } catch (error) {
      fail(`Start-up failed: ${(error as Error).message}`);
    }
  }
  collectFirstAdminNotice();
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    createFastifyAdapter(rootLogger, config.app.http),
    {
      logger,
      rawBody: true,
      abortOnError: false,
    },
  );
  await configureApp(app);
  await app.listen({ port: config.app.port, host: '0.0.0.0' });
  installGracefulShutdown(app, rootLogger, {
    drainTimeoutMs: config.app.shutdownTimeoutMs,
    afterClose: stopEmbeddedDatabase,
  });
  printStartupSummary(config, embedded);
}

bootstrap().catch((error: Error) => {
  releaseFirstAdminNotice();
  process.stderr.write(`Start-up failed: ${error.message}\n`);
  void stopEmbeddedDatabase().finally(() => process.exit(1));
});
