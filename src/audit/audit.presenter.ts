import { ApiProperty } from '@nestjs/swagger';
import { AuditEvent } from './entities/audit-event.entity';

export class AuditEventResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'date-time' }) occurred_at: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actor_id: string | null;
  @ApiProperty({ nullable: true, type: String }) actor_role: string | null;
  @ApiProperty() action: string;
  @ApiProperty({ nullable: true, type: String }) target_type: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) target_id: string | null;
  @ApiProperty({ nullable: true, type: String }) request_id: string | null;
  @ApiProperty({ nullable: true, type: String }) ip_hash: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata: Record<string, unknown>;
  @ApiProperty() hash: string;
  @ApiProperty() prev_hash: string;
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditEventResponse] }) items: AuditEventResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

export class AuditVerificationResponse {
  @ApiProperty() valid: boolean;
  @ApiProperty() entries_checked: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) first_invalid_id: string | null;
}

export function presentAuditEvent(e: AuditEvent): AuditEventResponse {
  return {
    id: e.id,
    seq: Number(e.seq),
    occurred_at: e.occurredAt.toISOString(),
    actor_id: e.actorId,
    actor_role: e.actorRole,
    action: e.action,
    target_type: e.targetType,
    target_id: e.targetId,
    request_id: e.requestId,
    ip_hash: e.ipHash,
    metadata: e.metadata,
    hash: e.hash,
    prev_hash: e.prevHash,
  };
}
