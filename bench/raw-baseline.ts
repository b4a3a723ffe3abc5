import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID, createHash } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { hotPathRoutes } from './raw-hot-path';
import { isoUtc } from '../src/database/sql-timestamps';
import { ConfigService } from '@nestjs/config';
import {
  countersForDays,
  countersForRange,
  entryDeltas,
  recordDeltas,
  splitRange,
  TIME_IN_STAGE_SQL,
  TIME_IN_STAGE_UNBOUNDED_SQL,
  TIME_TO_HIRE_SQL,
} from '../src/pipeline/counters/pipeline-counters';
import { scoreMatch } from '../src/candidates/matching/match-scorer';
import { loadConfiguration } from '../src/config/configuration';
import type { AppConfig } from '../src/config/app-config';
import { CryptoService } from '../src/crypto/crypto.service';
import { JOB_ROW_COLUMNS } from '../src/jobs/job.presenter';
import { SEARCH_CANDIDATES } from '../src/jobs/jobs.repository';
import { searchTerms } from '../src/jobs/search-terms';
import { skillKey } from '../src/skills/skill-normalizer';

// The raw baseline: node:http + pg running the same SQL as the API routes, without the framework,
// guards, validation or presenters. Benchmarks report the API as a ratio of this.
const config = loadConfiguration();
const crypto = new CryptoService({
  get: (key: keyof AppConfig) => config[key],
} as unknown as ConfigService<AppConfig, true>);
const pool = new Pool({
  connectionString: config.database.url!,
  max: 20,
  options: '-c random_page_cost=1.1',
});

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

// The statements the API prepares (src/database/prepared-query.ts) are prepared here too.
let statements = 0;
const statementNames = new Map<string, string>();
function prepared(
  text: string,
  values: unknown[],
): { name: string; text: string; values: unknown[] } {
  let name = statementNames.get(text);
  if (!name) {
    name = `bench_${++statements}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

function unprepared(text: string, values: unknown[]): { text: string; values: unknown[] } {
  return { text, values };
}

// Open, unarchived jobs matching every word first (relevance 1 + rank), then, for a page that
// tier does not fill, jobs matching some of the words: the two statements the API runs.
async function search(params: URLSearchParams): Promise<unknown> {
  const terms = searchTerms(params.get('q') ?? '');
  // The newest SEARCH_CANDIDATES matches, then ranked: the API's bounded candidate set.
  const tier = (queries: string, rank: string, extra: string) => `WITH candidates AS (
         SELECT s.job_id, s.search_vector
           FROM ${queries}, job_search s
          WHERE s.search_vector @@ q.q ${extra} AND s.status = 'Open' AND NOT s.archived
          ORDER BY s.created_at DESC, s.job_id DESC LIMIT ${SEARCH_CANDIDATES}),
       hits AS (
         SELECT c.job_id, ${rank} AS relevance FROM ${queries}, candidates c
          ORDER BY relevance DESC, c.job_id DESC LIMIT $2)
       SELECT ${JOB_ROW_COLUMNS}, h.relevance FROM hits h JOIN jobs j ON j.id = h.job_id
        ORDER BY h.relevance DESC, j.id DESC`;
  // Unprepared, as in the API: the plan depends on how common the words are.
  const { rows } = await pool.query(
    unprepared(
      tier(
        "websearch_to_tsquery('english', $1) AS q(q)",
        '(1 + ts_rank(c.search_vector, q.q, 32)::float8)',
        '',
      ),
      [terms.all, 21],
    ),
  );
  if (rows.length < 21 && terms.any) {
    const anyWord = "websearch_to_tsquery('english', $3)";
    const some = terms.none
      ? `tsquery_and(${anyWord}, websearch_to_tsquery('english', $4))`
      : anyWord;
    const more = await pool.query(
      unprepared(
        tier(
          `${some} AS q(q), websearch_to_tsquery('english', $1) AS a(q)`,
          'ts_rank(c.search_vector, q.q, 32)::float8',
          'AND NOT s.search_vector @@ a.q',
        ),
        [terms.all, 21 - rows.length, terms.any, ...(terms.none ? [terms.none] : [])],
      ),
    );
    rows.push(...more.rows);
  }
  return { items: rows.slice(0, 20).map(({ cursor_at: _c, ...job }) => job), limit: 20 };
}

async function list(params: URLSearchParams): Promise<unknown> {
  const keys = (params.get('skills') ?? '')
    .split(',')
    .filter(Boolean)
    .map((s) => skillKey(s));
  const { rows } = await pool.query(
    `SELECT ${JOB_ROW_COLUMNS} FROM jobs j WHERE j.status = 'Open' AND j.archived_at IS NULL
        AND lower(j.work_mode) = lower($1) AND j.skill_keys @> $2::text[]
      ORDER BY j.created_at DESC, j.id DESC LIMIT 21`,
    [params.get('work_mode') ?? 'remote', keys],
  );
  return { items: rows.slice(0, 20).map(({ cursor_at: _c, ...job }) => job), limit: 20 };
}

async function matching(params: URLSearchParams): Promise<unknown> {
  const jobId = params.get('job_id');
  const { rows: jobs } = await pool.query('SELECT * FROM jobs WHERE id = $1', [jobId]);
  const job = jobs[0] as {
    skills_required: string[];
    skills_nice_to_have: string[];
    experience_level: string;
    location: string;
    work_mode: string;
    salary_max: number;
  };
  const required = job.skills_required.map((s) => skillKey(s));
  const nice = job.skills_nice_to_have.map((s) => skillKey(s));
  const keys = [...new Set([...required, ...nice])];
  type Row = {
    candidate_id: string;
    application_id: string | null;
    skill_keys: string[];
    experience_years: string | null;
    location: string | null;
    expected_salary: number | null;
  };
  // scope=all: the talent pool plus the job's own applicants (same two statements as the API).
  const [{ rows: applicants }, { rows: talentPool }] = await Promise.all([
    pool.query<Row>(
      `SELECT c.id AS candidate_id, a.id AS application_id, c.skill_keys, c.experience_years, c.location, c.expected_salary
         FROM applications a JOIN candidates c ON c.id = a.candidate_id
        WHERE a.job_id = $1 AND c.erased_at IS NULL AND a.stage NOT IN ('withdrawn')`,
      [jobId],
    ),
    pool.query<Row>(
      `SELECT c.id AS candidate_id, a.id AS application_id, c.skill_keys, c.experience_years, c.location, c.expected_salary
         FROM candidates c LEFT JOIN applications a ON a.candidate_id = c.id AND a.job_id = $1
        WHERE c.talent_pool AND c.erased_at IS NULL AND (cardinality($2::text[]) = 0 OR c.skill_keys && $2::text[])
        ORDER BY (SELECT count(*) FROM unnest(c.skill_keys) s WHERE s = ANY($2::text[])) DESC, c.created_at DESC
        LIMIT 1000`,
      [jobId, keys],
    ),
  ]);
  const byCandidate = new Map(talentPool.map((r) => [r.candidate_id, r]));
  for (const r of applicants) {
    byCandidate.set(r.candidate_id, r);
  }
  const rows = [...byCandidate.values()];
  const names = new Map(job.skills_required.map((s) => [skillKey(s), s]));
  return rows
    .map((r) => ({
      candidate_id: r.candidate_id,
      application_id: r.application_id,
      ...scoreMatch(
        {
          requiredSkillKeys: required,
          niceSkillKeys: nice,
          skillNames: names,
          experienceLevel: job.experience_level,
          location: job.location,
          workMode: job.work_mode,
          salaryMax: job.salary_max,
        },
        {
          skillKeys: r.skill_keys,
          experienceYears: r.experience_years === null ? null : Number(r.experience_years),
          location: r.location,
          expectedSalary: r.expected_salary,
        },
      ),
    }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 20);
}

async function apply(
  body: {
    job_id: string;
    applicant_name: string;
    applicant_email: string;
  },
  withinTransaction?: (client: PoolClient) => Promise<void>,
): Promise<unknown> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await withinTransaction?.(client);
    const candidateId = randomUUID();
    const emailHash = crypto.emailIndex(body.applicant_email);
    await client.query(
      `INSERT INTO candidates (id, email_hash, email_encrypted, full_name_encrypted) VALUES ($1, $2, $3, $4) ON CONFLICT (email_hash) WHERE user_id IS NULL DO NOTHING`,
      [
        candidateId,
        emailHash,
        crypto.encrypt(body.applicant_email, `c.${candidateId}`),
        crypto.encrypt(body.applicant_name, `n.${candidateId}`),
      ],
    );
    const {
      rows: [candidate],
    } = await client.query<{ id: string }>(
      'SELECT id FROM candidates WHERE email_hash = $1 AND user_id IS NULL FOR UPDATE',
      [emailHash],
    );
    const id = randomUUID();
    await client.query(
      `INSERT INTO applications (id, job_id, candidate_id, applicant_name_encrypted, applicant_email_encrypted, stage, status, stage_entered_at, applied_at)
       VALUES ($1, $2, $3, $4, $5, 'applied', 'Applied', now(), now())`,
      [
        id,
        body.job_id,
        candidate.id,
        crypto.encrypt(body.applicant_name, `a.${id}`),
        crypto.encrypt(body.applicant_email, `e.${id}`),
      ],
    );
    const {
      rows: [{ applied_at: appliedAt }],
    } = await client.query<{ applied_at: Date }>(
      `INSERT INTO application_stage_history (id, application_id, job_id, to_stage, to_status, changed_at, applied_at)
       SELECT $1, a.id, a.job_id, 'applied', 'Applied', a.applied_at, a.applied_at FROM applications a WHERE a.id = $2
       RETURNING applied_at`,
      [randomUUID(), id],
    );
    const counted = {
      jobId: body.job_id,
      appliedAt,
      stage: 'applied',
      source: 'careers_page',
      rejectionReasonId: null,
    };
    await recordDeltas(
      {
        query: async (sql: string, values?: unknown[]) => (await client.query(sql, values)).rows,
      } as never,
      counted,
      entryDeltas(counted),
    );
    await client.query('UPDATE jobs SET application_count = application_count + 1 WHERE id = $1', [
      body.job_id,
    ]);
    await client.query(
      `INSERT INTO consents (id, candidate_id, purpose, granted, policy_version, source, recorded_at) VALUES ($1, $2, 'data_processing', true, 'application', 'baseline', now())`,
      [randomUUID(), candidate.id],
    );
    await client.query('SELECT pg_advisory_xact_lock(727100002)');
    const { rows: last } = await client.query<{ seq: string; hash: string }>(
      'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
    );
    const seq = last.length ? BigInt(last[0].seq) + 1n : 1n;
    const prev = last[0]?.hash ?? '0'.repeat(64);
    await client.query(
      `INSERT INTO audit_events (id, seq, occurred_at, action, target_type, target_id, metadata, prev_hash, hash) VALUES ($1, $2, now(), 'application.created', 'application', $3, '{}', $4, $5)`,
      [
        randomUUID(),
        String(seq),
        id,
        prev,
        createHash('sha256')
          .update(prev + id)
          .digest('hex'),
      ],
    );
    await client.query('COMMIT');
    return { id };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

// The board as one statement (the pipeline module now reads counts and cards separately).
const BOARD_SQL = `
  WITH s AS (
    SELECT key, sla_days FROM unnest($2::text[], $3::int[]) AS s(key, sla_days)),
  c AS (
    SELECT stage, sum(n)::int AS count FROM (
      SELECT stage, applications AS n FROM pipeline_stage_counts WHERE job_id = $1
      UNION ALL
      SELECT k1, delta FROM pipeline_counter_deltas WHERE job_id = $1 AND metric = 'current') x
     GROUP BY stage)
  SELECT u.stage, u.count, u.overdue, u.id, u.candidate_id, u.applicant_name_encrypted, u.source,
         u.status, u.resume_id, u.experience_years, u.current_company_encrypted,
         u.current_position_encrypted, u.legacy_current_company, u.legacy_current_position,
         ${isoUtc('u.applied_at')} AS applied_at,
         ${isoUtc('u.stage_entered_at')} AS stage_entered_at,
         ${isoUtc('u.hired_at')} AS hired_at,
         u.stage_entered_at < now() - u.sla_days * interval '1 day' AS late
    FROM (
      SELECT s.key AS stage, s.sla_days, coalesce(c.count, 0) AS count,
             CASE WHEN s.sla_days IS NULL THEN 0 ELSE coalesce(c.count, 0) - (
               SELECT count(*) FROM applications a
                WHERE a.job_id = $1 AND a.stage = s.key
                  AND a.stage_entered_at >= now() - s.sla_days * interval '1 day')::int END AS overdue,
             NULL::uuid AS id, NULL::uuid AS candidate_id, NULL::text AS applicant_name_encrypted,
             NULL::text AS source, NULL::text AS status, NULL::uuid AS resume_id,
             NULL::numeric AS experience_years, NULL::text AS current_company_encrypted,
             NULL::text AS current_position_encrypted, NULL::text AS legacy_current_company,
             NULL::text AS legacy_current_position, NULL::timestamptz AS applied_at,
             NULL::timestamptz AS stage_entered_at, NULL::timestamptz AS hired_at
        FROM s LEFT JOIN c ON c.stage = s.key
      UNION ALL
      SELECT s.key, s.sla_days, NULL, NULL, p.id, p.candidate_id, p.applicant_name_encrypted,
             p.source, p.status, p.resume_id, p.experience_years, p.current_company_encrypted,
             p.current_position_encrypted, p.legacy_current_company, p.legacy_current_position,
             p.applied_at, p.stage_entered_at, p.hired_at
        FROM s CROSS JOIN LATERAL (
              SELECT a.id, a.candidate_id, a.applicant_name_encrypted, a.source, a.status,
                     a.resume_id, a.experience_years, a.current_company_encrypted,
                     a.current_position_encrypted, a.current_company AS legacy_current_company,
                     a.current_position AS legacy_current_position,
                     a.applied_at, a.stage_entered_at, a.hired_at
                FROM applications a
               WHERE a.job_id = $1 AND a.stage = s.key
               ORDER BY a.applied_at DESC, a.id DESC
               LIMIT $4) p) u
   ORDER BY u.applied_at DESC NULLS FIRST, u.id DESC`;

// Two statements: the job's stages, then BOARD_SQL (counts, SLA
// breaches and the newest 20 cards per stage), each card's name decrypted for the response.
const DEFAULT_SLA: Record<string, number | null> = {
  applied: 7,
  screening: 7,
  interview: 14,
  offer: 7,
  hired: null,
};
async function board(params: URLSearchParams): Promise<unknown> {
  const jobId = params.get('job_id');
  const { rows: custom } = await pool.query<{ key: string | null; sla_days: number | null }>(
    prepared(
      `SELECT p.key, p.name, p.status, p.sla_days
         FROM jobs j LEFT JOIN pipeline_stages p ON p.job_id = j.id
        WHERE j.id = $1 ORDER BY p.position`,
      [jobId],
    ),
  );
  const working: [string, number | null][] =
    custom[0]?.key == null ? Object.entries(DEFAULT_SLA) : custom.map((r) => [r.key!, r.sla_days]);
  const stages = [...working, ['rejected', null], ['withdrawn', null]] as [string, number | null][];
  const { rows } = await pool.query<{
    stage: string;
    count: number | null;
    overdue: number | null;
    id: string | null;
    applicant_name_encrypted: string | null;
  }>(prepared(BOARD_SQL, [jobId, stages.map(([k]) => k), stages.map(([, d]) => d), 20]));
  const columns = new Map(
    stages.map(([key]) => [
      key,
      { key, count: 0, overdue_count: 0, applications: [] as unknown[] },
    ]),
  );
  for (const { applicant_name_encrypted: name, ...row } of rows) {
    const column = columns.get(row.stage)!;
    if (row.id === null) {
      column.count = row.count!;
      column.overdue_count = row.overdue!;
    } else {
      column.applications.push({
        ...row,
        applicant_name:
          name &&
          crypto.decrypt(name, CryptoService.fieldAad('applications', 'applicant_name', row.id)),
      });
    }
  }
  return { job_id: jobId, stages: [...columns.values()] };
}

// The statements AtsAnalyticsService runs: counters for whole days, a recount for partial days,
// the two medians and the rejection reason names, in one REPEATABLE READ snapshot.
async function analytics(params: URLSearchParams): Promise<unknown> {
  const jobId = params.get('job_id');
  const from = params.get('from') ? new Date(params.get('from')!) : null;
  const to = params.get('to') ? new Date(params.get('to')!) : null;
  const client = await pool.connect();
  const db = {
    query: async <T>(sql: string, values?: unknown[]) =>
      (await client.query(sql, values)).rows as T,
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    const { days, edges } = splitRange(from, to);
    const counters = days ? await countersForDays(db as never, jobId, days[0], days[1]) : [];
    for (const [start, end] of edges) {
      counters.push(...(await countersForRange(db as never, jobId, start, end)));
    }
    const { rows: timeInStage } = await client.query(
      ...((from || to
        ? [TIME_IN_STAGE_SQL, [jobId, from, to]]
        : [TIME_IN_STAGE_UNBOUNDED_SQL, [jobId]]) as [string, unknown[]]),
    );
    const { rows: hire } = await client.query(TIME_TO_HIRE_SQL, [jobId, from, to]);
    const reasonIds = counters.filter((c) => c.metric === 'rejected' && c.k1).map((c) => c.k1);
    const { rows: reasons } = await client.query(
      'SELECT id, name, type FROM rejection_reasons WHERE id = ANY($1::uuid[])',
      [reasonIds],
    );
    await client.query('COMMIT');
    return { counters, time_in_stage: timeInStage, time_to_hire: hire[0], reasons };
  } finally {
    client.release();
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => resolve(data));
  });
}

const hotPath = hotPathRoutes({ pool, crypto, config, apply });

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const handle = async () => {
    switch (url.pathname) {
      case '/search':
        return send(res, 200, await search(url.searchParams));
      case '/jobs':
        return send(res, 200, await list(url.searchParams));
      case '/matching':
        return send(res, 200, await matching(url.searchParams));
      case '/board':
        return send(res, 200, await board(url.searchParams));
      case '/analytics':
        return send(res, 200, await analytics(url.searchParams));
      case '/apply':
        return send(res, 201, await apply(JSON.parse(await readBody(req)) as never));
      default:
        if (hotPath.has(url.pathname)) {
          const [status, body] = await hotPath.get(url.pathname)!(req, url.searchParams);
          return send(res, status, body);
        }
        return send(res, 404, {});
    }
  };
  handle().catch((error: Error) => send(res, 500, { error: error.message }));
});

server.listen(Number(process.env.BASELINE_PORT ?? 8799), '127.0.0.1');
