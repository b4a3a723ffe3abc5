import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { isDatabaseUnavailable, isRejectedParameter } from './database-errors';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset socket', withCode('read ECONNRESET', 'ECONNRESET')],
    [
      'a fast shutdown (57P01)',
      withCode('terminating connection due to administrator command', '57P01'),
    ],
    ['a server starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['a connection exception (08006)', withCode('connection failure', '08006')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool wait that timed out', new Error('timeout exceeded when trying to connect')],
    [
      'a broken client',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'a failed connect to every address',
      Object.assign(new AggregateError([withCode('refused', 'ECONNREFUSED')]), {}),
    ],
  ])('recognises %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognises a transaction whose connection was lost under it', () => {
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
  });

  it('looks inside TypeORM query errors', () => {
    const driverError = withCode('terminating connection due to administrator command', '57P01');
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], driverError))).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value', '23505')],
    ['a syntax error', withCode('syntax error at or near', '42601')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    [
      // fetch wraps its socket errors in `cause`: a vendor being down is not the database.
      'a vendor call that could not connect',
      new TypeError('fetch failed', { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') }),
    ],
    ['not an error at all', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('leaves %s alone', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('isRejectedParameter', () => {
  const pgError = (code: string, message: string, where?: string) =>
    new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code, where }));

  it.each([
    [
      'a forged timestamp in a cursor (22007)',
      pgError(
        '22007',
        'invalid input syntax for type timestamp with time zone: "x"',
        "unnamed portal parameter $1 = '...'",
      ),
    ],
    [
      'a forged uuid in a cursor (22P02)',
      pgError(
        '22P02',
        'invalid input syntax for type uuid: "y"',
        "unnamed portal parameter $3 = '...'",
      ),
    ],
    [
      'a NUL character in text (22021)',
      pgError(
        '22021',
        'invalid byte sequence for encoding "UTF8": 0x00',
        'unnamed portal parameter $1',
      ),
    ],
  ])('recognises %s', (_, error) => {
    expect(isRejectedParameter(error)).toBe(true);
  });

  it.each([
    // The same SQLSTATE raised by the SQL text itself is the server's bug.
    ['a cast inside the query', pgError('22P02', 'invalid input syntax for type integer: "a"')],
    ['a division by zero', pgError('22012', 'division by zero', 'unnamed portal parameter $1')],
    ['a unique violation', pgError('23505', 'duplicate key value')],
    ['nothing', undefined],
  ])('leaves %s alone', (_, error) => {
    expect(isRejectedParameter(error)).toBe(false);
  });
});
