import { ApiProperty } from '@nestjs/swagger';
import type { StageEvent } from '../pipeline';

export class StageHistoryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'null for the entry into the pipeline',
  })
  from_stage: string | null;
  @ApiProperty() to_stage: string;
  @ApiProperty({ nullable: true, type: String }) from_status: string | null;
  @ApiProperty() to_status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actor_id: string | null;
  @ApiProperty({ nullable: true, type: String }) actor_role: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) rejection_reason_id: string | null;
  @ApiProperty({ format: 'date-time' }) changed_at: string;
}

export class StageHistoryPageResponse {
  @ApiProperty({ type: [StageHistoryResponse] }) items: StageHistoryResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

export function presentHistory(h: StageEvent): StageHistoryResponse {
  return {
    id: h.id,
    from_stage: h.fromStage,
    to_stage: h.toStage,
    from_status: h.fromStatus,
    to_status: h.toStatus,
    actor_id: h.actorId,
    actor_role: h.actorRole,
    reason: h.reason,
    rejection_reason_id: h.rejectionReasonId,
    changed_at: h.changedAt.toISOString(),
  };
}
