import { ApiProperty } from '@nestjs/swagger';
import { REJECTION_REASON_TYPES, RejectionReason } from './entities/rejection-reason.entity';
import type { RejectionReasonType } from './entities/rejection-reason.entity';

export class RejectionReasonResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: REJECTION_REASON_TYPES }) type: RejectionReasonType;
}

export class RejectionReasonPageResponse {
  @ApiProperty({ type: [RejectionReasonResponse] }) items: RejectionReasonResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

export function presentRejectionReason(r: RejectionReason): RejectionReasonResponse {
  return { id: r.id, name: r.name, type: r.type };
}
