import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { multipartFingerprintOf } from '../common/http/multipart-fingerprint';
import { IdempotencyKeysRepository, StoredAnswer } from './idempotency-keys.repository';
import { requestFingerprint } from './request-fingerprint';

const CLAIM = Symbol('panelist.idempotencyClaim');
const REPLAY = Symbol('panelist.idempotencyReplay');
// What a replay repeats besides status and body; per-request headers (X-Request-Id, rate limits)
// stay the replaying request's own.
const KEPT_HEADERS = ['content-type', 'location', 'content-disposition'];

interface Claim {
  id: string;
  // Known at claim time for JSON; for multipart taken from the body as the route read it.
  jsonFingerprint: string | null;
  settled?: boolean;
}

type Carrier = FastifyRequest & { [CLAIM]?: Claim; [REPLAY]?: StoredAnswer };

export function attachClaim(request: FastifyRequest, claim: Claim): void {
  (request as Carrier)[CLAIM] = claim;
}

export function attachReplay(request: FastifyRequest, answer: StoredAnswer): void {
  (request as Carrier)[REPLAY] = answer;
}

// Worth keeping: an answer the same request would get again. 5xx and 429 are passing trouble,
// so the key is released and a retry runs the route again.
function storable(status: number): boolean {
  return status < 500 && status !== 429;
}

// The Fastify side of idempotency keys: onSend stores the first answer of a claimed key (after
// the route and the error filter have produced it) or swaps in the stored one for a replay;
// onResponse frees a claim that never reached onSend.
@Injectable()
export class IdempotencyHooks implements OnModuleInit {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly store: IdempotencyKeysRepository,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) {
      return;
    }
    // Callback hooks with a synchronous way through: most requests carry no key, and an async
    // hook costs every request a promise and a turn of the microtask queue.
    fastify.addHook('onSend', (request: Carrier, reply: FastifyReply, payload: unknown, done) => {
      const replay = request[REPLAY];
      if (replay) {
        void reply.code(replay.status);
        for (const [name, value] of Object.entries(replay.headers)) {
          void reply.header(name, value);
        }
        void reply.header('Idempotent-Replayed', 'true');
        done(null, replay.body);
        return;
      }
      const claim = request[CLAIM];
      if (!claim || claim.settled) {
        done(null, payload);
        return;
      }
      claim.settled = true;
      void this.settle(request, reply, claim, payload).then(() => done(null, payload));
    });
    fastify.addHook('onResponse', (request: Carrier, _reply: FastifyReply, done) => {
      const claim = request[CLAIM];
      if (!claim || claim.settled) {
        done();
        return;
      }
      claim.settled = true;
      void this.store
        .release(claim.id)
        .catch(() => undefined)
        .finally(() => done());
    });
  }

  private async settle(
    request: FastifyRequest,
    reply: FastifyReply,
    claim: Claim,
    payload: unknown,
  ): Promise<void> {
    try {
      // Only text answers are kept (every POST answers JSON or a problem document).
      const body = typeof payload === 'string' ? payload : null;
      const fingerprint = claim.jsonFingerprint ?? this.multipartFingerprint(request);
      if (body === null || fingerprint === null || !storable(reply.statusCode)) {
        await this.store.release(claim.id);
        return;
      }
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) {
          headers[name] = String(value);
        }
      }
      await this.store.complete(claim.id, fingerprint, {
        status: reply.statusCode,
        headers,
        body,
      });
    } catch (error) {
      // The answer still goes out; the key is freed so that a retry runs again.
      this.logger.warn(`storing an idempotent answer failed: ${(error as Error).message}`);
      await this.store.release(claim.id).catch(() => undefined);
    }
  }

  // The digest of a multipart body the route read to its end; null when it stopped early.
  private multipartFingerprint(request: FastifyRequest): string | null {
    const digest = multipartFingerprintOf(request).digest();
    return digest === null ? null : requestFingerprint(request.method, request.url, digest);
  }
}
