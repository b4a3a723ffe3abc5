import { ApiProperty } from '@nestjs/swagger';

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

// A stage change as the candidates module records it.
export interface StageChange {
  id: string;
  fromStage: string | null;
  toStage: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorRole: string | null;
  reason: string | null;
  rejectionReasonId: string | null;
  changedAt: Date;
}

export function presentHistory(h: StageChange): StageHistoryResponse {
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
