import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './app.setup';
import { loadConfiguration } from './config/configuration';
import { AppLogger, createRootLogger } from './common/logging/app-logger';
import { stopEmbeddedDatabase } from './database/database-url.provider';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfiguration();
  } catch (error) {
    // One readable line, no stack: configuration mistakes are the operator's to fix.
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const rootLogger = createRootLogger(config.app.logLevel);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    createFastifyAdapter(rootLogger, config.app.http),
    {
      logger: new AppLogger(rootLogger),
      rawBody: true,
      abortOnError: false,
    },
  );
  app.enableShutdownHooks();
  await configureApp(app);
  await app.listen({ port: config.app.port, host: '0.0.0.0' });
  rootLogger.info(`Panelist API listening on http://localhost:${config.app.port} (docs at /docs)`);
  const shutdown = async () => {
    await stopEmbeddedDatabase();
  };
  process.once('beforeExit', () => void shutdown());
}

bootstrap().catch((error: Error) => {
  process.stderr.write(`Start-up failed: ${error.message}\n`);
  void stopEmbeddedDatabase().finally(() => process.exit(1));
});
