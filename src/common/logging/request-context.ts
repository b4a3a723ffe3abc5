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
