import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, Page, pageLimit, toPage } from '../common/pagination/cursor';
import { AuditEvent } from './entities/audit-event.entity';
import { AuditEventResponse, presentAuditEvent } from './audit.presenter';
import { AuditQueryDto } from './dto/audit-query.dto';

@Injectable()
export class AuditQueryService {
  constructor(private readonly dataSource: DataSource) {}

  // Newest first, keyset on seq.
  async findEvents(query: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, 1);
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
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
    return toPage(rows, limit, (r) => [r.seq], presentAuditEvent);
  }
}
