import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CryptoService } from '../crypto/crypto.service';
import { IdempotencyKey, type IdempotencyState } from './entities/idempotency-key.entity';

// Stored answers live a day; a claim whose request vanished (the process died) is free again
// after the lease.
export const KEY_TTL_HOURS = 24;
const LEASE_SECONDS = 300;
const PURGE_BATCH = 1000;

export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface KeyRow {
  id: string;
  state: IdempotencyState;
  fingerprint: string | null;
  answer: StoredAnswer | null;
}

interface RawRow {
  id: string;
  state: IdempotencyState;
  fingerprint: string | null;
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body_encrypted: string | null;
}

const aad = (id: string) => `idempotency_keys:response_body:${id}`;

// Every instance shares these rows, so a retry that lands on another instance finds the claim.
// The body's associated data predates @EncryptedColumn (`idempotency_keys:response_body:<id>`);
// stored answers stay readable with it.
@Injectable()
export class IdempotencyKeysRepository {
  constructor(
    @InjectRepository(IdempotencyKey) private readonly rows: Repository<IdempotencyKey>,
    private readonly crypto: CryptoService,
  ) {}

  // Claims the key for this request; null when another request holds or answered it. An expired
  // answer or an abandoned claim is removed first, so the key can be used again.
  async claim(caller: string, key: string, fingerprint: string | null): Promise<string | null> {
    await this.rows.query(
      `DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2
         AND (expires_at < now() OR (state = 'in_flight' AND locked_until < now()))`,
      [caller, key],
    );
    const rows = await this.rows.query<{ id: string }[]>(
      `INSERT INTO idempotency_keys
         (id, caller, key, fingerprint, state, locked_until, expires_at)
       VALUES ($1, $2, $3, $4, 'in_flight', now() + make_interval(secs => $5),
         now() + make_interval(hours => $6))
       ON CONFLICT (caller, key) DO NOTHING RETURNING id`,
      [randomUUID(), caller, key, fingerprint, LEASE_SECONDS, KEY_TTL_HOURS],
    );
    return rows[0]?.id ?? null;
  }

  async find(caller: string, key: string): Promise<KeyRow | null> {
    const rows = await this.rows.query<RawRow[]>(
      `SELECT id, state, fingerprint, response_status, response_headers, response_body_encrypted
         FROM idempotency_keys WHERE caller = $1 AND key = $2 AND expires_at >= now()`,
      [caller, key],
    );
    const row = rows[0];
    if (!row) {
      return null;
    }
    const answer =
      row.state === 'completed' && row.response_status !== null
        ? {
            status: row.response_status,
            headers: row.response_headers ?? {},
            body: this.crypto.decrypt(row.response_body_encrypted ?? '', aad(row.id)),
          }
        : null;
    return { id: row.id, state: row.state, fingerprint: row.fingerprint, answer };
  }

  async complete(id: string, fingerprint: string, answer: StoredAnswer): Promise<void> {
    await this.rows.query(
      `UPDATE idempotency_keys SET state = 'completed', fingerprint = $2, response_status = $3,
         response_headers = $4, response_body_encrypted = $5
       WHERE id = $1 AND state = 'in_flight'`,
      [
        id,
        fingerprint,
        answer.status,
        JSON.stringify(answer.headers),
        this.crypto.encrypt(answer.body, aad(id)),
      ],
    );
  }

  // The first request failed in a way worth retrying (5xx, 429, a body it never read whole):
  // nothing is stored and the key is free.
  async release(id: string): Promise<void> {
    await this.rows.query(`DELETE FROM idempotency_keys WHERE id = $1 AND state = 'in_flight'`, [
      id,
    ]);
  }

  async purgeExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const [, removed] = await this.rows.query<[unknown, number]>(
        `DELETE FROM idempotency_keys WHERE id IN (
           SELECT id FROM idempotency_keys WHERE expires_at < now() LIMIT ${PURGE_BATCH})`,
      );
      total += removed;
      if (removed < PURGE_BATCH) {
        return total;
      }
    }
  }
}
