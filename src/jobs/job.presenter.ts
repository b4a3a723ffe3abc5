import { ApiProperty } from '@nestjs/swagger';
import { Job, JOB_STATUSES } from './entities/job.entity';
import type { JobStatus } from './entities/job.entity';

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
  @ApiProperty({ required: false, description: 'Search relevance (search route only)' })
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
    ...(relevance !== undefined ? { relevance: Math.round(relevance * 10000) / 10000 } : {}),
  };
}

// Rows read with getRawMany (alias `j`): hydrating entities cost ~40% of a list request's time on
// the bench, and the presenter needs plain values only.
export function jobFromRaw(raw: Record<string, unknown>): Job {
  const value = (column: string) => raw[`j_${column}`];
  return Object.assign(new Job(), {
    id: value('id') as string,
    title: value('title') as string,
    description: value('description') as string,
    company: value('company') as string | null,
    location: value('location') as string | null,
    salaryRange: value('salary_range') as string | null,
    jobType: value('job_type') as string | null,
    workMode: value('work_mode') as string | null,
    experienceLevel: value('experience_level') as string | null,
    department: value('department') as string | null,
    skillsRequired: value('skills_required') as string[],
    skillsNiceToHave: value('skills_nice_to_have') as string[],
    status: value('status') as JobStatus,
    createdBy: value('created_by') as string | null,
    createdAt: value('created_at') as Date,
    updatedAt: value('updated_at') as Date,
    applicationCount: value('application_count') as number,
    archivedAt: value('archived_at') as Date | null,
  });
}
