import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger as PinoLogger } from 'pino';

export interface ShutdownOptions {
  // How long open requests may take to finish before their connections are cut.
  drainTimeoutMs: number;
  // Runs after the application has closed its pools (the embedded database stops here).
  afterClose: () => Promise<void>;
}

// SIGTERM / SIGINT stop the process in order, then exit 0:
// 1. stop accepting connections (idle keep-alive connections close at once);
// 2. Nest's close: SSE streams end (onModuleDestroy), open requests finish (Fastify waits for
//    them; past drainTimeoutMs their connections are cut), then pg-boss stops fetching and waits
//    for running jobs, then the TypeORM pool closes (onApplicationShutdown);
// 3. afterClose: the embedded PostgreSQL stops, once nothing of ours is connected to it.
// A second signal exits at once with 130 (the shell's code for an interrupted program).
export function installGracefulShutdown(
  app: NestFastifyApplication,
  logger: PinoLogger,
  options: ShutdownOptions,
): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    const started = Date.now();
    logger.info(
      `${signal} received: stopping (no new connections, finishing open requests and jobs)`,
    );
    const server: Server = app.getHttpServer();
    server.close();
    const cut = setTimeout(() => {
      logger.warn(
        `Requests still open after ${options.drainTimeoutMs} ms: closing their connections`,
      );
      server.closeAllConnections();
    }, options.drainTimeoutMs);
    cut.unref();
    try {
      await app.close();
    } finally {
      clearTimeout(cut);
    }
    await options.afterClose();
    logger.info(`Stopped cleanly in ${Date.now() - started} ms`);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} received again: exiting without waiting`);
      process.exit(130);
    }
    stopping = true;
    stop(signal).then(
      () => process.exit(0),
      (error: Error) => {
        logger.error({ err: error }, `Shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
