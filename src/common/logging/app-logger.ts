import { Logger, Params, PinoLogger } from 'nestjs-pino';
import type { Logger as Pino } from 'pino';
import { currentRequestLogger } from './request-context';

// Nest's start-up chatter (one line per module and per route) is for debugging, not for the
// person starting the server: main.ts ends the start-up with a short summary instead.
const DEBUG_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

// nestjs-pino over the process's root logger. `useExisting`: the request logger is Fastify's own
// (request id bound, see root-logger.ts), so no second pino-http instance logs each request.
export function loggingParams(root: Pino): Params {
  return { pinoHttp: { logger: root, autoLogging: false }, useExisting: true };
}

// Inside a request, nestjs-pino's logger is that request's Fastify logger, found in the request
// scope (request-context.ts) rather than in the store nestjs-pino's middleware would fill.
class RequestScopedPinoLogger extends PinoLogger {
  override get logger(): Pino {
    return currentRequestLogger<Pino>() ?? super.logger;
  }
}

// Nest's Logger, written through nestjs-pino: framework and application logs share one JSON
// stream, and a line logged while a request runs carries its request id.
export class AppLogger extends Logger {
  static over(root: Pino): AppLogger {
    const params = loggingParams(root);
    return new AppLogger(new RequestScopedPinoLogger(params), params);
  }

  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && DEBUG_CONTEXTS.has(context)) {
      this.debug(message, ...rest);
      return;
    }
    super.log(message, ...rest);
  }
}
