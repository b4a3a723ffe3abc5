import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { decodeCursor, Page, pageLimit, toPage } from '../common/pagination/cursor';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditEvent } from './entities/audit-event.entity';

// Serialises appends so each entry links to exactly one predecessor.
const AUDIT_LOCK_KEY = 727_100_002;

@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditEvent) private readonly rows: Repository<AuditEvent>) {}

  // Holds the chain for the rest of the caller's transaction.
  async lockChain(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY]);
  }

  async lastLink(manager: EntityManager): Promise<{ seq: string; hash: string } | undefined> {
    const [last] = await manager.query<{ seq: string; hash: string }[]>(
      'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
    );
    return last;
  }

  async insert(event: AuditEvent, manager: EntityManager): Promise<void> {
    await manager.insert(AuditEvent, event as never);
  }

  batchAfter(lastSeq: string, size: number): Promise<AuditEvent[]> {
    return this.rows
      .createQueryBuilder('e')
      .where('e.seq > :lastSeq', { lastSeq })
      .orderBy('e.seq', 'ASC')
      .limit(size)
      .getMany();
  }

  // Newest first, keyset on seq alone (it is unique), so the cursor holds one value.
  async findEvents<T>(query: AuditQueryDto, present: (e: AuditEvent) => T): Promise<Page<T>> {
    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, 1);
    const qb = this.rows.createQueryBuilder('e');
    if (query.actor_id) {
      qb.andWhere('e.actor_id = :actorId', { actorId: query.actor_id });
    }
    if (query.subject_id) {
      qb.andWhere('e.target_id = :subjectId', { subjectId: query.subject_id });
    }
    if (query.action) {
      qb.andWhere('e.action = :action', { action: query.action });
    }
    if (query.from) {
      qb.andWhere('e.occurred_at >= :from', { from: query.from });
    }
    if (query.to) {
      qb.andWhere('e.occurred_at < :to', { to: query.to });
    }
    if (after) {
      qb.andWhere('e.seq < :seq', { seq: String(after[0]) });
    }
    const rows = await qb
      .orderBy('e.seq', 'DESC')
      .limit(limit + 1)
      .getMany();
    return toPage(rows, limit, (r) => [r.seq], present);
  }

  // Entries by or about any of the ids, without the metadata keys left out of a person's copy.
  exportRows(
    ids: string[],
    withheldKeys: string[],
    manager?: EntityManager,
  ): Promise<Record<string, unknown>[]> {
    return (manager ?? this.rows.manager).query<Record<string, unknown>[]>(
      `SELECT id, seq, occurred_at, action, actor_role, target_type, target_id,
              (actor_id = ANY($1::uuid[])) AS by_subject, metadata - $2::text[] AS metadata
         FROM audit_events
        WHERE actor_id = ANY($1::uuid[]) OR target_id = ANY($1::uuid[])
        ORDER BY seq`,
      [ids, withheldKeys],
    );
  }
}
