import type { FastifyRequest } from 'fastify';
import { UnauthorizedProblem } from '../../common/errors/domain.exception';

const BEARER = /^Bearer\s+([A-Za-z0-9\-_.=]+)$/i;

// The token of `Authorization: Bearer <token>`; null without the header, 401 when it has another form.
export function bearerToken(request: Pick<FastifyRequest, 'headers'>): string | null {
  const header = request.headers.authorization;
  if (!header) {
    return null;
  }
  const match = BEARER.exec(header.trim());
  if (!match) {
    throw new UnauthorizedProblem(
      'The Authorization header must be "Bearer <token>"',
      'TOKEN_MALFORMED',
    );
  }
  return match[1];
}

// For passport-jwt: the same token, or null so that the strategy fails (the guard has already
// answered a missing or malformed header).
export function bearerTokenOrNull(request: Pick<FastifyRequest, 'headers'>): string | null {
  try {
    return bearerToken(request);
  } catch {
    return null;
  }
}
