import pino, { DestinationStream, Logger as PinoLogger } from 'pino';
import { TurnBatchedDestination } from './turn-batched-destination';

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

const REDACTED = new Set(REDACTED_KEYS);
const CENSOR = '[redacted]';
// How deep below the logged object a key is looked for (the test covers two levels).
const CENSOR_DEPTH = 3;

// Exact paths, cheap for pino's redaction: the keys at the top level (this is what covers a child
// logger's bindings, which the log formatter never sees), headers, and the SQL parameters of a
// failed statement (they can hold personal data but have no telling key name).
export const REDACTED_PATHS = [
  ...REDACTED_KEYS,
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-zm-signature"]',
  'err.parameters',
  'err.driverError.parameters',
];

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null || Array.isArray(value);
}

// Replaces the value of every REDACTED_KEYS key in plain objects and arrays down to `depth`,
// copying only what changes (the caller's object is never modified). pino's wildcard redaction
// paths (`*.email`, `*.*.email` for 19 keys) did the same at ~90 µs per request line and ~20 µs
// per request logger even with the line filtered out; this costs about 1 µs (bench/RESULTS.md).
export function censorKeys<T>(value: T, depth = CENSOR_DEPTH): T {
  if (!isPlain(value)) {
    return value;
  }
  let copy: Record<string, unknown> | unknown[] | null = null;
  for (const key of Object.keys(value)) {
    const current = value[key];
    const next = REDACTED.has(key) ? CENSOR : depth > 0 ? censorKeys(current, depth - 1) : current;
    if (next !== current) {
      copy ??= Array.isArray(value) ? [...(value as unknown[])] : { ...value };
      (copy as Record<string, unknown>)[key] = next;
    }
  }
  return (copy ?? value) as T;
}

// Standard output written asynchronously (sonic-boom): a request never waits for the terminal or
// the log shipper. Lines queue while a write is in flight, so a busy server writes in batches;
// pino flushes what is queued when the process exits. (Gathering lines up to a few kilobytes
// before writing, sonic-boom's minLength, measured slower on the API: sonic-boom measures the
// whole gathered buffer again for every line; bench/RESULTS.md, session 4.) The lines of one
// event-loop turn reach sonic-boom together, for the same reason (turn-batched-destination.ts).
export function asyncStdout(): DestinationStream {
  return new TurnBatchedDestination(pino.destination({ dest: 1, sync: false }));
}

// pino's ISO timestamp, made once per millisecond: a busy server writes several lines in the same
// millisecond, and formatting the date was an eighth of a request line's cost (bench/RESULTS.md).
let stampedAt = NaN;
let stamp = '';
export function isoTimestamp(): string {
  const now = Date.now();
  if (now !== stampedAt) {
    stampedAt = now;
    stamp = `,"time":"${new Date(now).toISOString()}"`;
  }
  return stamp;
}

// The one pino logger of a process: Fastify's request loggers, nestjs-pino's Logger and the
// per-request line all derive from it.
export function createRootLogger(
  level: string,
  destination: DestinationStream = asyncStdout(),
): PinoLogger {
  const root = pino(
    {
      level,
      base: { service: 'panelist' },
      timestamp: isoTimestamp,
      redact: { paths: REDACTED_PATHS, censor: CENSOR },
      formatters: { log: (object) => censorKeys(object) },
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
    },
    destination,
  );
  processRoot ??= root;
  return root;
}

let processRoot: PinoLogger | undefined;

// The logger main.ts (or the test harness) built, or one at LOG_LEVEL for scripts that boot the
// application without it.
export function processRootLogger(): PinoLogger {
  processRoot ??= createRootLogger(process.env.LOG_LEVEL ?? 'info');
  return processRoot;
}

// Fastify's per-request child logger carries the request id (`request_id` on every line logged
// while the request runs); the client address is read from the request scope for the audit trail
// (request-context.ts), not logged.
export const REQUEST_ID_LOG_LABEL = 'request_id';
