import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ConfigService } from '@nestjs/config';
import { rebuildPipelineCounters } from '../src/pipeline/counters/pipeline-counters';
import { loadConfiguration } from '../src/config/configuration';
import { CryptoService } from '../src/crypto/crypto.service';
import { skillKey } from '../src/skills/skill-normalizer';
import type { AppConfig } from '../src/config/app-config';

// Bulk data for the benchmarks: JOBS jobs, CANDIDATES candidates, APPLICATIONS applications with
// encrypted contact fields exactly as the application writes them, half the pool with
// talent_pool consent, one job holding HOT_JOB_APPLICATIONS of the applications. Usage: DATABASE_URL=… node dist/bench/generate-data.js [jobs candidates applications hot-job-applications]
const [JOBS, CANDIDATES, APPLICATIONS, HOT_JOB_APPLICATIONS = 50000] = (
  process.argv.slice(2).length ? process.argv.slice(2) : ['10000', '100000', '300000', '50000']
).map(Number);

const SKILLS = [
  'TypeScript',
  'JavaScript',
  'Python',
  'Go',
  'Java',
  'Kotlin',
  'Rust',
  'PostgreSQL',
  'MySQL',
  'Redis',
  'Kafka',
  'Kubernetes',
  'Docker',
  'Terraform',
  'AWS',
  'Google Cloud',
  'Azure',
  'React',
  'Vue.js',
  'Angular',
  'Node.js',
  'Django',
  'Spring',
  'GraphQL',
  'Apache Spark',
  'Airflow',
  'TensorFlow',
  'PyTorch',
  'Linux',
  'Git',
];
const TITLES = [
  'Backend Engineer',
  'Frontend Engineer',
  'Data Engineer',
  'Platform Engineer',
  'ML Engineer',
  'Mobile Developer',
  'QA Engineer',
  'Security Engineer',
  'Product Engineer',
  'SRE',
];
const LEVELS = ['junior', 'mid', 'senior', 'lead'];
const MODES = ['remote', 'hybrid', 'onsite'];
const CITIES = ['Berlin', 'Amsterdam', 'London', 'Lisbon', 'Paris', 'Warsaw', 'Madrid', 'Prague'];
const DEPARTMENTS = ['Engineering', 'Data', 'Platform', 'Mobile', 'Security'];
const STAGES: [string, string][] = [
  ['applied', 'Applied'],
  ['screening', 'Under Review'],
  ['interview', 'Interview Scheduled'],
  ['offer', 'Selected'],
  ['hired', 'Selected'],
  ['rejected', 'Rejected'],
];

// mulberry32: a small deterministic PRNG, so every run generates the same data.
let seed = 42;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)];
function pickSkills(n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) {
    out.add(pick(SKILLS));
  }
  return [...out];
}

async function insertBatched(
  client: Client,
  sql: string,
  columns: unknown[][],
  batch = 5000,
): Promise<void> {
  const rows = columns[0].length;
  for (let start = 0; start < rows; start += batch) {
    await client.query(
      sql,
      columns.map((c) => c.slice(start, start + batch)),
    );
  }
}

async function main(): Promise<void> {
  const config = loadConfiguration();
  const crypto = new CryptoService({
    get: (key: keyof AppConfig) => config[key],
  } as unknown as ConfigService<AppConfig, true>);
  const client = new Client({ connectionString: config.database.url! });
  await client.connect();
  const started = Date.now();
  const [{ id: recruiterId }] = (
    await client.query<{ id: string }>(`SELECT id FROM users WHERE role = 'admin' LIMIT 1`)
  ).rows;

  const jobIds: string[] = [];
  const jobCols: unknown[][] = Array.from({ length: 12 }, () => []);
  for (let i = 0; i < JOBS; i++) {
    const id = randomUUID();
    jobIds.push(id);
    const skills = pickSkills(3 + Math.floor(rand() * 3));
    const min = 40 + Math.floor(rand() * 80);
    [
      id,
      `${pick(LEVELS)} ${pick(TITLES)} ${i}`,
      `Work with ${skills.join(', ')} on our ${pick(DEPARTMENTS)} team. Job ${i}.`,
      pick(CITIES),
      `€${min}k - €${min + 20}k`,
      min * 1000,
      (min + 20) * 1000,
      pick(MODES),
      pick(LEVELS),
      pick(DEPARTMENTS),
      skills,
      skills.map((s) => skillKey(s)),
    ].forEach((v, k) => jobCols[k].push(v));
  }
  await insertBatched(
    client,
    `INSERT INTO jobs (id, title, description, location, salary_range, salary_min, salary_max, work_mode, experience_level, department, skills_required, skill_keys, job_type, status, created_by, created_at)
     SELECT id, title, description, location, salary_range, salary_min, salary_max, work_mode, experience_level, department,
            string_to_array(skills, '|'), string_to_array(keys, '|'), 'full-time', 'Open', '${recruiterId}', now() - (random() * interval '365 days')
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
         AS t(id, title, description, location, salary_range, salary_min, salary_max, work_mode, experience_level, department, skills, keys)`,
    jobCols.map((c, k) => (k === 10 || k === 11 ? (c as string[][]).map((s) => s.join('|')) : c)),
  );
  process.stdout.write(`jobs: ${JOBS} in ${Date.now() - started} ms\n`);

  const candidateIds: string[] = [];
  const candCols: unknown[][] = Array.from({ length: 9 }, () => []);
  for (let i = 0; i < CANDIDATES; i++) {
    const id = randomUUID();
    candidateIds.push(id);
    const email = `bench.candidate.${i}@example.com`;
    const skills = pickSkills(2 + Math.floor(rand() * 5));
    [
      id,
      crypto.emailIndex(email),
      crypto.encrypt(email, CryptoService.fieldAad('candidates', 'email', id)),
      crypto.encrypt(`Bench Person ${i}`, CryptoService.fieldAad('candidates', 'full_name', id)),
      pick(CITIES),
      skills.join('|'),
      skills.map((s) => skillKey(s)).join('|'),
      Math.floor(rand() * 150) / 10,
      30000 + Math.floor(rand() * 100) * 1000,
    ].forEach((v, k) => candCols[k].push(v));
  }
  await insertBatched(
    client,
    `INSERT INTO candidates (id, email_hash, email_encrypted, full_name_encrypted, location, skills, skill_keys, experience_years, expected_salary, created_at)
     SELECT id, email_hash, email_encrypted, full_name_encrypted, location, string_to_array(skills, '|'), string_to_array(keys, '|'), years, salary, now() - (random() * interval '365 days')
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::int[])
         AS t(id, email_hash, email_encrypted, full_name_encrypted, location, skills, keys, years, salary)`,
    candCols,
  );
  await client.query(
    `INSERT INTO consents (id, candidate_id, purpose, granted, policy_version, source, recorded_at)
     SELECT gen_random_uuid(), id, 'talent_pool', true, 'bench', 'bench', now() FROM candidates WHERE random() < 0.5`,
  );
  // The flag ConsentService keeps in step with the latest talent_pool consent.
  await client.query(
    `UPDATE candidates c SET talent_pool = true WHERE EXISTS (SELECT 1 FROM consents k WHERE k.candidate_id = c.id AND k.purpose = 'talent_pool' AND k.granted)`,
  );
  process.stdout.write(
    `candidates: ${CANDIDATES} (+ talent-pool consents) at ${Date.now() - started} ms\n`,
  );

  const appCols: unknown[][] = Array.from({ length: 7 }, () => []);
  const seen = new Set<string>();
  // The first job is the "hot" one the pipeline-board benchmark reads: HOT_JOB_APPLICATIONS of the
  // applications go to it, the rest are spread over all jobs.
  const hotTarget = Math.min(HOT_JOB_APPLICATIONS, CANDIDATES, APPLICATIONS);
  while (appCols[0].length < APPLICATIONS) {
    const hot = appCols[0].length < hotTarget;
    const jobId = hot ? jobIds[0] : pick(jobIds);
    const candidateId = hot ? candidateIds[appCols[0].length] : pick(candidateIds);
    if (seen.has(`${jobId}${candidateId}`)) {
      continue;
    }
    seen.add(`${jobId}${candidateId}`);
    const id = randomUUID();
    const [stage, status] = pick(STAGES);
    [
      id,
      jobId,
      candidateId,
      crypto.encrypt('Bench Person', CryptoService.fieldAad('applications', 'applicant_name', id)),
      crypto.encrypt(
        'bench@example.com',
        CryptoService.fieldAad('applications', 'applicant_email', id),
      ),
      stage,
      status,
    ].forEach((v, k) => appCols[k].push(v));
  }
  await insertBatched(
    client,
    `INSERT INTO applications (id, job_id, candidate_id, applicant_name_encrypted, applicant_email_encrypted, stage, status, stage_entered_at, applied_at, source)
     SELECT id, job_id, candidate_id, n, e, stage, status,
            CASE WHEN stage = 'applied' THEN x.applied ELSE x.applied + random() * (now() - x.applied) END,
            x.applied, (ARRAY['job_board', 'referral', 'careers_page', 'linkedin'])[1 + floor(random() * 4)::int]
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(id, job_id, candidate_id, n, e, stage, status)
      CROSS JOIN LATERAL (SELECT now() - random() * interval '300 days' + (0 * length(t.n)) * interval '1 day' AS applied) x`,
    appCols,
  );
  await client.query(
    `UPDATE jobs j SET application_count = c.n FROM (SELECT job_id, count(*)::int AS n FROM applications GROUP BY job_id) c WHERE c.job_id = j.id`,
  );
  // Each application walks the default pipeline up to its stage (rejected ones drop out after a
  // random working stage), with the moves spread between applied_at and stage_entered_at.
  await client.query(
    `WITH w(ord, stage, status) AS (
       VALUES (0, 'applied', 'Applied'), (1, 'screening', 'Under Review'),
              (2, 'interview', 'Interview Scheduled'), (3, 'offer', 'Selected'), (4, 'hired', 'Selected')),
     a AS (
       SELECT x.id, x.job_id, x.applied_at, x.stage_entered_at, x.stage = 'rejected' AS rejected,
              CASE WHEN x.stage = 'rejected' THEN abs(hashtext(x.id::text)) % 4
                   ELSE (SELECT ord FROM w WHERE w.stage = x.stage) END AS last_ord
         FROM applications x),
     steps AS (
       SELECT a.id, a.job_id, a.applied_at, w.ord, w.stage, w.status,
              a.applied_at + (a.stage_entered_at - a.applied_at)
                * (w.ord::float8 / greatest(a.last_ord + a.rejected::int, 1)) AS at
         FROM a JOIN w ON w.ord <= a.last_ord
       UNION ALL
       SELECT id, job_id, applied_at, 99, 'rejected', 'Rejected', stage_entered_at FROM a WHERE rejected)
     INSERT INTO application_stage_history (id, application_id, job_id, from_stage, to_stage, from_status, to_status, changed_at, applied_at)
     SELECT gen_random_uuid(), id, job_id, lag(stage) OVER p, stage, lag(status) OVER p, status, at, applied_at
       FROM steps WINDOW p AS (PARTITION BY id ORDER BY ord)`,
  );
  await client.query(`UPDATE applications SET hired_at = stage_entered_at WHERE stage = 'hired'`);
  await client.query(
    `UPDATE applications a SET rejected_from_stage = h.from_stage,
            rejection_reason_id = (SELECT id FROM rejection_reasons ORDER BY id
                                   OFFSET abs(hashtext(a.id::text)) % 5 LIMIT 1)
       FROM application_stage_history h
      WHERE h.application_id = a.id AND h.to_stage = 'rejected'`,
  );
  // Counters and derived history columns, the same way `npm run analytics:rebuild` makes them.
  await client.query('BEGIN');
  await rebuildPipelineCounters({
    query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows,
  });
  await client.query('COMMIT');
  await client.query('ANALYZE');
  process.stdout.write(`applications: ${APPLICATIONS} at ${Date.now() - started} ms\n`);
  await client.end();
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
