import { Injectable } from '@nestjs/common';
import { Page } from '../common/pagination/cursor';
import { AuditEventResponse, presentAuditEvent } from './audit.presenter';
import { AuditRepository } from './audit.repository';
import { AuditQueryDto } from './dto/audit-query.dto';

@Injectable()
export class AuditQueryService {
  constructor(private readonly entries: AuditRepository) {}

  findEvents(query: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    return this.entries.findEvents(query, presentAuditEvent);
  }
}
