import { ApiProperty } from '@nestjs/swagger';
import { EXPORT_FORMATS, EXPORT_STATUSES, GdprExport } from './entities/gdpr-export.entity';
import type { ExportFormat, ExportStatus } from './entities/gdpr-export.entity';
import { GdprRequest, REQUEST_STATUSES } from './entities/gdpr-request.entity';
import type { RequestStatus } from './entities/gdpr-request.entity';
import { RETENTION_ACTIONS } from './entities/retention-policy.entity';
import type { RetentionReportEntry, RetentionRun } from './entities/retention-run.entity';

export class ExportAcceptedResponse {
  @ApiProperty({ format: 'uuid' }) export_id: string;
  @ApiProperty({ enum: EXPORT_STATUSES }) status: ExportStatus;
}

export class ExportResponse extends ExportAcceptedResponse {
  @ApiProperty({ enum: EXPORT_FORMATS }) format: ExportFormat;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Set while the export is ready and not expired',
  })
  download_url: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expires_at: string | null;
  @ApiProperty({ nullable: true, type: Number }) size_bytes: number | null;
  @ApiProperty() download_count: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completed_at: string | null;
}

export class ErasureAcceptedResponse {
  @ApiProperty({ format: 'uuid' }) request_id: string;
  @ApiProperty({ enum: REQUEST_STATUSES }) status: RequestStatus;
}

export class ErasureRequestResponse extends ErasureAcceptedResponse {
  @ApiProperty({ enum: ['erasure'] }) kind: string;
  @ApiProperty({ enum: ['api', 'retention'] }) source: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) candidate_id: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) user_id: string | null;
  @ApiProperty({ type: [String], description: 'Personal-data handlers already done' })
  completed_handlers: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Rows and files removed or anonymised, per record type',
  })
  erased_counts: Record<string, number>;
  @ApiProperty({ nullable: true, type: String }) error_code: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completed_at: string | null;
}

export class RetentionPolicyResponse {
  @ApiProperty() category: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: Number, description: 'null: kept forever (audit)' })
  days: number | null;
  @ApiProperty({ enum: [...RETENTION_ACTIONS, 'keep'] }) action: string;
  @ApiProperty({ type: [String], description: 'Actions PUT accepts for this category' })
  allowed_actions: string[];
  @ApiProperty({ description: 'days comes from DATA_RETENTION_DEFAULT_DAYS' })
  uses_default_days: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) updated_at: string | null;
}

export class RetentionPoliciesResponse {
  @ApiProperty({ type: [RetentionPolicyResponse] }) policies: RetentionPolicyResponse[];
}

class RetentionReportEntryResponse {
  @ApiProperty() category: string;
  @ApiProperty() action: string;
  @ApiProperty() days: number;
  @ApiProperty({ format: 'date-time', description: 'Data older than this was due' })
  cutoff: string;
  @ApiProperty({ description: 'Items removed or anonymised (would be, in a dry run)' })
  affected: number;
}

export class RetentionRunResponse {
  @ApiProperty({ format: 'uuid' }) run_id: string;
  @ApiProperty() dry_run: boolean;
  @ApiProperty({ enum: ['manual', 'schedule'] }) trigger: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] }) status: string;
  @ApiProperty({ type: [RetentionReportEntryResponse] }) categories: RetentionReportEntry[];
  @ApiProperty() total_affected: number;
  @ApiProperty({ format: 'date-time' }) started_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finished_at: string | null;
}

export function exportDownloadUrl(id: string): string {
  return `/api/gdpr/exports/${id}/download`;
}

export function isExpired(row: GdprExport, now = new Date()): boolean {
  return row.status === 'expired' || (row.expiresAt !== null && row.expiresAt <= now);
}

export function presentExport(row: GdprExport, now = new Date()): ExportResponse {
  const expired = isExpired(row, now);
  return {
    export_id: row.id,
    status: expired ? 'expired' : row.status,
    format: row.format,
    download_url: row.status === 'ready' && !expired ? exportDownloadUrl(row.id) : null,
    expires_at: row.expiresAt ? row.expiresAt.toISOString() : null,
    size_bytes: row.sizeBytes,
    download_count: row.downloadCount,
    created_at: row.createdAt.toISOString(),
    completed_at: row.completedAt ? row.completedAt.toISOString() : null,
  };
}

export function presentErasureRequest(row: GdprRequest): ErasureRequestResponse {
  return {
    request_id: row.id,
    status: row.status,
    kind: row.kind,
    source: row.source,
    candidate_id: row.subjectCandidateId,
    user_id: row.subjectUserId,
    completed_handlers: row.completedHandlers,
    erased_counts: row.erasedCounts,
    error_code: row.errorCode,
    created_at: row.createdAt.toISOString(),
    completed_at: row.completedAt ? row.completedAt.toISOString() : null,
  };
}

export function presentRetentionRun(run: RetentionRun): RetentionRunResponse {
  return {
    run_id: run.id,
    dry_run: run.dryRun,
    trigger: run.trigger,
    status: run.status,
    categories: run.report,
    total_affected: run.report.reduce((sum, entry) => sum + entry.affected, 0),
    started_at: run.startedAt.toISOString(),
    finished_at: run.finishedAt ? run.finishedAt.toISOString() : null,
  };
}
