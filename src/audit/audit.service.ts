import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../common/logging/logging.module';
import { CryptoService } from '../crypto/crypto.service';
import { Transactions } from '../database/transactions';
import { AuditRepository } from './audit.repository';
import { AuditEvent } from './entities/audit-event.entity';

export interface AuditInput {
  actorId?: string | null;
  actorRole?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  metadata?: Record<string, string | number | boolean | null>;
}

export interface AuditVerification {
  valid: boolean;
  entries_checked: number;
  first_invalid_id: string | null;
}

const GENESIS_HASH = '0'.repeat(64);
// Entries must stay PII-free; a key that names personal data is a programming error.
const FORBIDDEN_METADATA_KEYS = /(email|phone|name|address|password|token|resume_text|transcript)/i;
// Entries outlive erasure, so a metadata string must be an id, a code or a list of them: free
// text (anything with a space, an @, quotes…) could be someone's words and is refused.
const METADATA_TOKEN = /^[A-Za-z0-9_.,:-]{0,300}$/;

function canonicalMetadata(metadata: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(metadata)
      .sort()
      .map((k) => [k, metadata[k]]),
  );
}

export function auditEntryHash(prevHash: string, e: AuditEvent): string {
  const canonical = JSON.stringify([
    e.id,
    String(e.seq),
    e.occurredAt.toISOString(),
    e.actorId,
    e.actorRole,
    e.action,
    e.targetType,
    e.targetId,
    e.requestId,
    e.ipHash,
    canonicalMetadata(e.metadata ?? {}),
  ]);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

@Injectable()
export class AuditService {
  constructor(
    private readonly transactions: Transactions,
    private readonly entries: AuditRepository,
    private readonly crypto: CryptoService,
    private readonly request: RequestContext,
  ) {}

  // Joins the caller's transaction: the entry commits or rolls back with the change it records.
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record must run inside a transaction');
    }
    const metadata = input.metadata ?? {};
    const leaked = Object.keys(metadata).find((k) => FORBIDDEN_METADATA_KEYS.test(k));
    if (leaked) {
      throw new Error(`Audit metadata key "${leaked}" looks like personal data`);
    }
    const prose = Object.entries(metadata).find(
      ([, v]) => typeof v === 'string' && !METADATA_TOKEN.test(v),
    );
    if (prose) {
      throw new Error(`Audit metadata "${prose[0]}" must be an id or a code, not free text`);
    }
    await this.entries.lockChain(manager);
    const last = await this.entries.lastLink(manager);
    const origin = this.request.current();
    const ip = origin?.ip;
    const event = Object.assign(new AuditEvent(), {
      id: randomUUID(),
      seq: String(last ? BigInt(last.seq) + 1n : 1n),
      occurredAt: new Date(),
      actorId: input.actorId ?? null,
      actorRole: input.actorRole ?? null,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      requestId: origin?.requestId ?? null,
      ipHash: ip ? this.crypto.pseudonym('ip', ip) : null,
      metadata,
      prevHash: last ? last.hash : GENESIS_HASH,
    });
    event.hash = auditEntryHash(event.prevHash, event);
    await this.entries.insert(event, manager);
  }

  // Convenience for events with no other write to join (e.g. a failed login).
  async recordStandalone(input: AuditInput): Promise<void> {
    await this.transactions.run((manager) => this.record(manager, input));
  }

  async verifyChain(batchSize = 2000): Promise<AuditVerification> {
    let prevHash = GENESIS_HASH;
    let lastSeq = '0';
    let checked = 0;
    for (;;) {
      const batch = await this.entries.batchAfter(lastSeq, batchSize);
      for (const entry of batch) {
        checked += 1;
        if (entry.prevHash !== prevHash || auditEntryHash(prevHash, entry) !== entry.hash) {
          return { valid: false, entries_checked: checked, first_invalid_id: entry.id };
        }
        prevHash = entry.hash;
        lastSeq = entry.seq;
      }
      if (batch.length < batchSize) {
        return { valid: true, entries_checked: checked, first_invalid_id: null };
      }
    }
  }
}
