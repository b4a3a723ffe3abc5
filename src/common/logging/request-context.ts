import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestOrigin {
  requestId: string;
  ip?: string;
}

// Fastify builds one child logger per request (root-logger.ts); the request id and client
// address are kept beside it, so whatever finds the request's logger finds its origin too.
const origins = new WeakMap<object, RequestOrigin>();

export function rememberRequestOrigin(logger: object, requestId: string, ip?: string): void {
  origins.set(logger, { requestId, ip });
}

export function originOf(logger: object | undefined): RequestOrigin | undefined {
  return logger ? origins.get(logger) : undefined;
}

// The logger of the request the current code runs for. The first onRequest hook enters it
// (app.setup.ts) and everything the request runs afterwards, hooks, guards, handler and the
// promises they start, sees it. A Fastify hook rather than nestjs-pino's Nest middleware, which
// ran every request through @fastify/middie for the same effect (bench/RESULTS.md, session 3).
const requestScope = new AsyncLocalStorage<object>();

export function runInRequestScope(logger: object, next: () => void): void {
  requestScope.run(logger, next);
}

export function currentRequestLogger<T extends object>(): T | undefined {
  return requestScope.getStore() as T | undefined;
}
