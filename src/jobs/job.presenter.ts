import { ApiProperty } from '@nestjs/swagger';
import { Job, JOB_STATUSES } from './entities/job.entity';
import type { JobStatus } from './entities/job.entity';
import { isoUtc } from '../database/sql-timestamps';

export class JobResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String }) company: string | null;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ nullable: true, type: String }) salary_range: string | null;
  @ApiProperty({ nullable: true, type: String }) job_type: string | null;
  @ApiProperty({ nullable: true, type: String }) work_mode: string | null;
  @ApiProperty({ nullable: true, type: String }) experience_level: string | null;
  @ApiProperty({ nullable: true, type: String }) department: string | null;
  @ApiProperty({ type: [String] }) skills_required: string[];
  @ApiProperty({ type: [String] }) skills_nice_to_have: string[];
  @ApiProperty({ enum: JOB_STATUSES }) status: JobStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) created_by: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
  @ApiProperty() application_count: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) archived_at: string | null;
  @ApiProperty({
    required: false,
    example: 1.0607,
    description:
      'Search route only: 1 or more when the job matches every word of q, below 1 when it matches some of them; higher is better',
  })
  relevance?: number;
}

export class JobPageResponse {
  @ApiProperty({ type: [JobResponse] }) items: JobResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

export class JobDeletionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    description: 'True when the job was removed; false when it was closed and archived',
  })
  deleted: boolean;
  @ApiProperty() archived: boolean;
  @ApiProperty({ enum: JOB_STATUSES, nullable: true, type: String }) status: JobStatus | null;
  @ApiProperty() message: string;
}

export function presentJob(job: Job, relevance?: number): JobResponse {
  return {
    id: job.id,
    title: job.title,
    description: job.description,
    company: job.company,
    location: job.location,
    salary_range: job.salaryRange,
    job_type: job.jobType,
    work_mode: job.workMode,
    experience_level: job.experienceLevel,
    department: job.department,
    skills_required: job.skillsRequired,
    skills_nice_to_have: job.skillsNiceToHave,
    status: job.status,
    created_by: job.createdBy,
    created_at: job.createdAt.toISOString(),
    updated_at: job.updatedAt.toISOString(),
    application_count: job.applicationCount,
    archived_at: job.archivedAt ? job.archivedAt.toISOString() : null,
    ...(relevance !== undefined ? { relevance: roundRelevance(relevance) } : {}),
  };
}

// The columns a list or search page reads (alias `j`), presented without hydrating entities,
// timestamps already in the API's ISO form, plus `cursor_at`: created_at at full precision for
// the list cursor, which a millisecond value could skip rows with.
export const JOB_ROW_COLUMNS = `j.id, j.title, j.description, j.company, j.location,
  j.salary_range, j.job_type, j.work_mode, j.experience_level, j.department, j.skills_required,
  j.skills_nice_to_have, j.status, j.created_by, j.application_count,
  ${isoUtc('j.created_at')} AS created_at,
  ${isoUtc('j.updated_at')} AS updated_at,
  ${isoUtc('j.archived_at')} AS archived_at,
  j.created_at::text AS cursor_at`;

export interface JobRow {
  id: string;
  title: string;
  description: string;
  company: string | null;
  location: string | null;
  salary_range: string | null;
  job_type: string | null;
  work_mode: string | null;
  experience_level: string | null;
  department: string | null;
  skills_required: string[];
  skills_nice_to_have: string[];
  status: JobStatus;
  created_by: string | null;
  application_count: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  cursor_at: string;
}

export function presentJobRow(row: JobRow, relevance?: number): JobResponse {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    company: row.company,
    location: row.location,
    salary_range: row.salary_range,
    job_type: row.job_type,
    work_mode: row.work_mode,
    experience_level: row.experience_level,
    department: row.department,
    skills_required: row.skills_required,
    skills_nice_to_have: row.skills_nice_to_have,
    status: row.status,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
    application_count: row.application_count,
    archived_at: row.archived_at,
    ...(relevance !== undefined ? { relevance: roundRelevance(relevance) } : {}),
  };
}

function roundRelevance(relevance: number): number {
  return Math.round(relevance * 10000) / 10000;
}
