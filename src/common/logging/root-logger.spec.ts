import fastify, { LogController } from 'fastify';
import { Writable } from 'node:stream';
import { currentRequestLogger, currentRequestOrigin, runInRequestScope } from './request-context';
import pino from 'pino';
import { createRootLogger, isoTimestamp, REQUEST_ID_LOG_LABEL } from './root-logger';

function captured(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { lines, stream };
}

describe('createRootLogger', () => {
  it('redacts secrets and personal data at the top level and two levels down', () => {
    const { lines, stream } = captured();
    const logger = createRootLogger('info', stream);
    const user = { email: 'ada@example.com', full_name: 'Ada Lovelace', role: 'admin' };
    logger.info(
      {
        password: 'hunter2-password',
        user,
        list: [{ token: 'tok-in-a-list' }],
        body: { applicant: { applicant_phone: '+44 20 7946 0000' } },
        req: { headers: { authorization: 'Bearer eyJsecret', accept: 'application/json' } },
        err: { message: 'insert failed', parameters: ['ada@example.com'] },
      },
      'something happened',
    );
    const text = JSON.stringify(lines);
    for (const secret of [
      'tok-in-a-list',
      'hunter2',
      'ada@example.com',
      'Ada Lovelace',
      '7946',
      'eyJsecret',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      password: '[redacted]',
      user: { email: '[redacted]', full_name: '[redacted]', role: 'admin' },
      req: { headers: { authorization: '[redacted]', accept: 'application/json' } },
      err: { message: 'insert failed', parameters: '[redacted]' },
    });
    expect(user.email).toBe('ada@example.com');
  });

  it('redacts the bindings of a child logger', () => {
    const { lines, stream } = captured();
    createRootLogger('info', stream).child({ token: 'bound-secret', job_id: 'j-9' }).info('bound');
    expect(lines[0]).toMatchObject({ token: '[redacted]', job_id: 'j-9' });
  });

  it('binds the request id to every line a request logs, and its scope knows the origin', async () => {
    const { lines, stream } = captured();
    const app = fastify({
      loggerInstance: createRootLogger('info', stream),
      logController: new LogController({
        disableRequestLogging: true,
        requestIdLogLabel: REQUEST_ID_LOG_LABEL,
      }),
      genReqId: (req) => String(req.headers['x-request-id']),
    });
    app.addHook('onRequest', (request, _reply, done) => runInRequestScope(request, done));
    let origin: unknown;
    let scopedLogger: unknown;
    app.get('/', async (request) => {
      await Promise.resolve();
      request.log.info({ job_id: 'j-1' }, 'handled');
      origin = currentRequestOrigin();
      scopedLogger = currentRequestLogger();
      return { ok: true };
    });
    const res = await app.inject({ url: '/', headers: { 'x-request-id': 'req-42' } });
    await app.close();
    expect(res.statusCode).toBe(200);
    expect(lines.find((l) => l.msg === 'handled')).toMatchObject({
      request_id: 'req-42',
      job_id: 'j-1',
    });
    expect(origin).toEqual({ requestId: 'req-42', ip: '127.0.0.1' });
    expect(scopedLogger).toBeDefined();
    expect(currentRequestOrigin()).toBeUndefined();
  });

  it("stamps lines as pino's ISO time does, formatting each millisecond once", () => {
    const before = pino.stdTimeFunctions.isoTime();
    const stamp = isoTimestamp();
    const after = pino.stdTimeFunctions.isoTime();
    expect(stamp).toMatch(/^,"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"$/);
    expect(stamp >= before && stamp <= after).toBe(true);
  });

  it('formats the time once per millisecond', () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 0, 2, 3, 4, 5, 6));
    const format = jest.spyOn(Date.prototype, 'toISOString');
    try {
      expect(isoTimestamp()).toBe(',"time":"2026-01-02T03:04:05.006Z"');
      expect(isoTimestamp()).toBe(',"time":"2026-01-02T03:04:05.006Z"');
      now.mockReturnValue(Date.UTC(2026, 0, 2, 3, 4, 5, 7));
      expect(isoTimestamp()).toBe(',"time":"2026-01-02T03:04:05.007Z"');
      expect(format).toHaveBeenCalledTimes(2);
    } finally {
      now.mockRestore();
      format.mockRestore();
    }
  });
});
