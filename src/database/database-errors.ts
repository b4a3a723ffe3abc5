import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

// Errors that mean "PostgreSQL cannot be reached right now" rather than "this request is wrong":
// the server is down, restarting, shutting down, recovering from a crash, or out of connections.
// The API answers them with 503 (retry later) instead of 500, and the pool recovers by itself once
// the server is back (new connections are opened on demand).

// Socket-level failures reaching the server.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

// SQLSTATEs: class 08 (connection exception), 57P01 admin_shutdown (fast/smart shutdown),
// 57P02 crash_shutdown (another backend crashed), 57P03 cannot_connect_now (starting up, shutting
// down, in recovery), 53300 too_many_connections.
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

// node-postgres reports a lost or unobtainable connection with plain messages and no code.
const PG_MESSAGES = [
  /^Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
];

// The error, the driver error TypeORM wrapped (QueryFailedError.driverError) and their `cause`s.
function* chain(error: unknown): Generator<{ e: Record<string, unknown>; viaCause: boolean }> {
  const seen = new Set<unknown>();
  const queue: { value: unknown; viaCause: boolean }[] = [{ value: error, viaCause: false }];
  while (queue.length && seen.size < 8) {
    const { value, viaCause } = queue.shift()!;
    if (!value || typeof value !== 'object' || seen.has(value)) {
      continue;
    }
    seen.add(value);
    const e = value as Record<string, unknown>;
    yield { e, viaCause };
    queue.push({ value: e.driverError, viaCause }, { value: e.cause, viaCause: true });
  }
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const { e, viaCause } of chain(error)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) {
      return true;
    }
    // A socket error is the database's only when node-postgres or TypeORM threw it as such: behind
    // a `cause` it is more likely a vendor call (fetch wraps its socket errors that way).
    if (NETWORK_CODES.has(code) && !viaCause) {
      return true;
    }
    // TypeORM releases a query runner whose connection died (the client's 'error' event, e.g. the
    // server terminated it); the transaction's next statement then fails with one of these instead.
    if (
      (e as unknown) instanceof QueryRunnerAlreadyReleasedError ||
      (e as unknown) instanceof QueryRunnerProviderAlreadyReleasedError
    ) {
      return true;
    }
    const message = typeof e.message === 'string' ? e.message : '';
    if (PG_MESSAGES.some((pattern) => pattern.test(message))) {
      return true;
    }
    // AggregateError (a connect attempt to every resolved address failed).
    if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner))) {
      return true;
    }
  }
  return false;
}

// PostgreSQL could not read a bound parameter as its column's type: a forged cursor value that is
// not a timestamp or uuid, a NUL character (text cannot hold one), a number out of range. Every
// query binds request values as parameters, so this is the request's fault (400), not a bug. The
// server reports it "in" the parameter (`where: unnamed portal parameter $n`); a conversion inside
// the SQL text itself has no such `where` and stays a 500.
const PARAMETER_SQLSTATES = new Set([
  '22P02', // invalid_text_representation
  '22007', // invalid_datetime_format
  '22008', // datetime_field_overflow
  '22003', // numeric_value_out_of_range
  '22021', // character_not_in_repertoire (NUL in text)
  '22P05', // untranslatable_character (NUL in jsonb)
]);

export function isRejectedParameter(error: unknown): boolean {
  for (const { e } of chain(error)) {
    const code = typeof e.code === 'string' ? e.code : '';
    const where = typeof e.where === 'string' ? e.where : '';
    if (PARAMETER_SQLSTATES.has(code) && /portal parameter \$\d+/.test(where)) {
      return true;
    }
  }
  return false;
}
