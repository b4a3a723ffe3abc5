import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { hash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

// Anonymous answers of public reads may be cached by browsers and shared caches for this long;
// a signed-in caller's answer (staff see more jobs) is private and revalidated every time.
const PUBLIC_MAX_AGE_SECONDS = 30;

interface PublicCacheConfig {
  publicCache?: boolean;
}

// A public read whose answer depends only on the URL and on whether the caller signed in: it gets
// an ETag (a digest of the body) and Cache-Control, and a matching If-None-Match answers 304
// without the body.
export const PublicCache = () =>
  applyDecorators(
    RouteConfig({ publicCache: true } satisfies PublicCacheConfig),
    ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag seen before' }),
    ApiResponse({ status: 304, description: 'Not modified: the ETag sent still matches' }),
  );

function withVary(current: unknown, name: string): string {
  const text = typeof current === 'string' ? current : '';
  return text.split(',').some((v) => v.trim().toLowerCase() === name.toLowerCase())
    ? text
    : [text, name].filter(Boolean).join(', ');
}

// onSend: runs after serialisation, on the exact bytes sent. SHA-1 is a fingerprint here, not a
// security measure (ETags are public); ~30 µs for a 13 KB page on this machine.
export function applyPublicCache(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): unknown {
  const config = request.routeOptions.config as PublicCacheConfig | undefined;
  if (!config?.publicCache || reply.statusCode !== 200 || typeof payload !== 'string') {
    return payload;
  }
  const etag = `"${hash('sha1', payload, 'base64url')}"`;
  void reply
    .header('ETag', etag)
    .header('Vary', withVary(reply.getHeader('vary'), 'Authorization'))
    .header(
      'Cache-Control',
      request.headers.authorization
        ? 'private, no-cache'
        : `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`,
    );
  const sent = request.headers['if-none-match'];
  if (sent && sent.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    void reply.code(304);
    return '';
  }
  return payload;
}
