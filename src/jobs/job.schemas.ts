import type { FastifySchema } from 'fastify';
import { JOB_STATUSES } from './entities/job.entity';

// JSON schemas of the public job answers, for Fastify's serializer (fast-json-stringify compiles
// them once; JSON.stringify walked every value's type on each response). They mirror
// JobResponse / JobPageResponse in job.presenter.ts; test/hot-path.e2e-spec.ts compares a served
// job with the stored row so a field left out here fails there.
const nullableString = { type: ['string', 'null'] };

export const JOB_SCHEMA = {
  type: 'object',
  required: ['id', 'title', 'status', 'created_at', 'updated_at', 'application_count'],
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    company: nullableString,
    location: nullableString,
    salary_range: nullableString,
    job_type: nullableString,
    work_mode: nullableString,
    experience_level: nullableString,
    department: nullableString,
    skills_required: { type: 'array', items: { type: 'string' } },
    skills_nice_to_have: { type: 'array', items: { type: 'string' } },
    status: { type: 'string', enum: [...JOB_STATUSES] },
    created_by: nullableString,
    created_at: { type: 'string' },
    updated_at: { type: 'string' },
    application_count: { type: 'integer' },
    archived_at: nullableString,
    relevance: { type: 'number' },
  },
} as const;

const JOB_PAGE_SCHEMA = {
  type: 'object',
  required: ['items', 'next_cursor', 'limit'],
  properties: {
    items: { type: 'array', items: JOB_SCHEMA },
    next_cursor: nullableString,
    limit: { type: 'integer' },
  },
} as const;

export const JOB_ROUTE_SCHEMA: FastifySchema = { response: { 200: JOB_SCHEMA } };
export const JOB_PAGE_ROUTE_SCHEMA: FastifySchema = { response: { 200: JOB_PAGE_SCHEMA } };
