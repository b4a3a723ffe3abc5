import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestOrigin {
  requestId: string;
  ip?: string;
}

// What a request scope holds: the Fastify request itself (its logger carries the request id, see
// root-logger.ts). Kept to these fields so this module needs no Fastify types.
export interface ScopedRequest {
  id: string;
  log: object;
  raw: { socket?: { remoteAddress?: string } | null };
}

// The request the current code runs for. The first onRequest hook enters it (app.setup.ts) and
// everything the request runs afterwards, hooks, guards, handler and the promises they start,
// sees it. A Fastify hook rather than nestjs-pino's Nest middleware, which ran every request
// through @fastify/middie for the same effect (bench/RESULTS.md, session 3). The store is the
// request object Fastify already built: entering the scope allocates nothing.
const requestScope = new AsyncLocalStorage<ScopedRequest>();

export function runInRequestScope(request: ScopedRequest, next: () => void): void {
  requestScope.run(request, next);
}

export function currentRequestLogger<T extends object>(): T | undefined {
  return requestScope.getStore()?.log as T | undefined;
}

// The request id and client address of the current request (the audit trail's origin).
export function currentRequestOrigin(): RequestOrigin | undefined {
  const request = requestScope.getStore();
  return request ? { requestId: request.id, ip: request.raw.socket?.remoteAddress } : undefined;
}
