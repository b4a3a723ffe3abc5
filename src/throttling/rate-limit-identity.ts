import type { FastifyRequest } from 'fastify';

// Who sends a request, for the rate limit: the account id behind a bearer access token, or the
// key id behind an API key (each integration its own budget); undefined when the credential is
// not valid (the request then counts against its address). The authentication module provides
// it (app.module.ts), so rate limiting depends on no feature.
export abstract class RateLimitIdentity {
  abstract accountOf(request: FastifyRequest, bearer: string): string | undefined;
  abstract apiKeyOf(bearer: string): Promise<string | undefined>;
}
