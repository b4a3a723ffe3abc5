import { LoggerService, LogLevel } from '@nestjs/common';
import pino, { Logger as PinoLogger } from 'pino';
import { currentRequestId } from '../http/request-context';

// Keys whose values never reach a log line, wherever they appear in a logged object.
export const REDACTED_KEYS = [
  'password',
  'current_password',
  'new_password',
  'password_hash',
  'passwordHash',
  'token',
  'access_token',
  'refresh_token',
  'authorization',
  'cookie',
  'secret',
  'api_key',
  'apiKey',
  'email',
  'applicant_email',
  'phone',
  'applicant_phone',
  'full_name',
  'applicant_name',
];

export function createRootLogger(level: string): PinoLogger {
  const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]).concat([
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-zm-signature"]',
    // Query parameters of a failed SQL statement can hold personal data.
    'err.parameters',
    'err.driverError.parameters',
  ]);
  return pino({
    level,
    base: { service: 'panelist' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths, censor: '[redacted]' },
    hooks: {
      // Fastify announces every address it listens on; the start-up summary says where to go.
      logMethod(args, method, level) {
        const text = args[args.length - 1];
        if (level === 30 && typeof text === 'string' && text.startsWith('Server listening at')) {
          return this.debug(...(args as [string]));
        }
        return method.apply(this, args);
      },
    },
    mixin() {
      const requestId = currentRequestId();
      return requestId ? { request_id: requestId } : {};
    },
  });
}

// Nest's start-up chatter (one line per module and per route) is for debugging, not for the
// person starting the server: main.ts ends the start-up with a short summary instead.
const DEBUG_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

// Bridges Nest's Logger to pino so framework and application logs share one JSON stream.
export class AppLogger implements LoggerService {
  constructor(private readonly root: PinoLogger) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    this.write(
      typeof context === 'string' && DEBUG_CONTEXTS.has(context) ? 'debug' : 'info',
      message,
      rest,
    );
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  setLogLevels(_levels: LogLevel[]): void {
    // The level comes from LOG_LEVEL; Nest's per-level switches are not used.
  }

  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    const context =
      typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    if (message !== null && typeof message === 'object') {
      const text = typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
      this.root[level]({ context, ...message }, text);
      return;
    }
    this.root[level]({ context }, String(message));
  }
}
