import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuthUser } from '../common/auth/policy.decorators';
import { BadRequestProblem, DomainException } from '../common/errors/domain.exception';
import { fingerprintMultipart } from '../common/http/multipart-fingerprint';
import { CryptoService } from '../crypto/crypto.service';
import { attachClaim, attachReplay } from './idempotency.hooks';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { canonicalJson, requestFingerprint } from './request-fingerprint';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const MAX_KEY_LENGTH = 255;
// A repeat of a JSON request still running waits this long for its answer (a retry storm then
// gets one answer, ten times), polling the shared table, before it gives up with 409.
const WAIT_MS = 10_000;
const POLL_MS = 50;

type Caller = FastifyRequest & { user?: AuthUser };

const problem = (status: number, code: string, detail: string, headers = {}) =>
  new DomainException(status, code, detail, {}, headers);

// Raised to skip the route of a request whose stored answer is replayed (attachReplay has put it
// on the request): the onSend hook swaps the error filter's document for that answer.
export class IdempotentReplay extends DomainException {
  constructor() {
    super(200, 'IDEMPOTENT_REPLAY', 'The stored answer to this Idempotency-Key is sent instead');
  }
}

// `Idempotency-Key` on a POST (issue #19, item 2): the first request with a key runs and its
// answer is stored per caller and key for 24 h (idempotency.hooks.ts); a repeat with the same
// method, path and body gets that answer again, with `Idempotent-Replayed: true`. The same key
// with another body → 422; a repeat while the first still runs waits for its answer, or → 409.
//
// The last global guard (AppModule: throttler → JWT → roles → this), so the caller is known and
// unauthorised requests claim nothing. A guard rather than an interceptor: a global interceptor
// puts every route, reads included, through Nest's observable chain (~8% of a health check's CPU,
// bench/RESULTS.md session 3), while a guard costs a request without a key one comparison. A
// replay skips the route by raising IdempotentReplay; the onSend hook then sends the stored answer
// in place of whatever the error filter made of it.
@Injectable()
export class IdempotencyGuard implements CanActivate {
  constructor(
    private readonly store: IdempotencyKeysRepository,
    private readonly crypto: CryptoService,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const request = context.switchToHttp().getRequest<Caller>();
    const sent = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || sent === undefined) {
      return true;
    }
    return this.begin(request, String(sent)).then((run) => {
      if (!run) {
        throw new IdempotentReplay();
      }
      return true;
    });
  }

  // True when this request runs its route; false when its stored answer is replayed instead.
  private async begin(request: Caller, key: string): Promise<boolean> {
    if (key.length < 1 || key.length > MAX_KEY_LENGTH) {
      throw new BadRequestProblem('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key is not valid', [
        { field: 'Idempotency-Key', message: `must be 1 to ${MAX_KEY_LENGTH} characters` },
      ]);
    }
    const caller = request.user
      ? `user:${request.user.id}`
      : `anon:${this.crypto.blindIndex('idempotency-caller', request.ip)}`;
    const multipart = request.isMultipart();
    // A multipart body is still unread here: its digest is taken while the route streams it.
    const mine = multipart
      ? null
      : requestFingerprint(request.method, request.url, canonicalJson(request.body));
    const deadline = Date.now() + WAIT_MS;
    // While the first request runs, a waiting repeat only re-reads the row; it tries to claim
    // the key again only once the row is gone (released after a 5xx, or expired).
    let waiting = false;
    for (;;) {
      if (!waiting) {
        const claimed = await this.store.claim(caller, key, mine);
        if (claimed) {
          attachClaim(request, { id: claimed, jsonFingerprint: mine });
          return true;
        }
      }
      const row = await this.store.find(caller, key);
      if (!row) {
        waiting = false;
        continue;
      }
      if (row.answer) {
        const body =
          mine ??
          requestFingerprint(request.method, request.url, await fingerprintMultipart(request));
        if (row.fingerprint !== body) {
          throw this.mismatch();
        }
        attachReplay(request, row.answer);
        return false;
      }
      if (mine === null || row.fingerprint === null) {
        throw this.inFlight();
      }
      if (row.fingerprint !== mine) {
        throw this.mismatch();
      }
      if (Date.now() >= deadline) {
        throw this.inFlight();
      }
      waiting = true;
      await sleep(POLL_MS);
    }
  }

  private mismatch(): DomainException {
    return problem(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used with a different request; use a new key for a new request',
    );
  }

  private inFlight(): DomainException {
    return problem(
      409,
      'IDEMPOTENCY_KEY_IN_USE',
      'A request with this Idempotency-Key is still running; retry once it has answered',
      { 'Retry-After': '1' },
    );
  }
}
