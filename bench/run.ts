import type autocannon from 'autocannon';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { root, run, start, waitFor } from './bench-support';

// Runs each scenario against the API and against the raw node:http + pg baseline in the same run
// and prints a Markdown table (req/s, p50, p99, ratio). Needs DATABASE_URL pointing at a database
// filled by generate-data. Usage: node dist/bench/run.js [duration seconds]
const DURATION = Number(process.argv[2] ?? 10);
const API_PORT = 8798;
const BASE_PORT = 8799;

interface Scenario {
  name: string;
  connections: number;
  api: autocannon.Options;
  baseline: autocannon.Options;
}

function applyRequests(prefix: string, jobId: string): autocannon.Request[] {
  let n = 0;
  return [
    {
      method: 'POST',
      setupRequest: (req) => ({
        ...req,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          job_id: jobId,
          consent_data_processing: true,
          applicant_name: 'Bench Applicant',
          applicant_email: `${prefix}.${process.pid}.${n++}@bench.example`,
        }),
      }),
    },
  ];
}

async function main(): Promise<void> {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  // A run starts from the state autovacuum keeps a live database in: the previous run's applies
  // leave pages off the visibility map, which turned the board's index-only counts into heap
  // fetches (1.3 → 4.0 ms for the board statement) until the next vacuum.
  await db.query('VACUUM (ANALYZE) applications, jobs, job_search, pipeline_stage_counts');
  const {
    rows: [job],
  } = await db.query<{ id: string }>(
    `SELECT id FROM jobs WHERE status = 'Open' AND cardinality(skill_keys) >= 4 ORDER BY application_count ASC LIMIT 1`,
  );
  // The job holding the most applications, for the pipeline board.
  const {
    rows: [hot],
  } = await db.query<{ id: string; application_count: number }>(
    'SELECT id, application_count FROM jobs ORDER BY application_count DESC LIMIT 1',
  );
  const {
    rows: [skill],
  } = await db.query<{ s: string }>(`SELECT skills_required[1] AS s FROM jobs WHERE id = $1`, [
    job.id,
  ]);
  await db.end();

  const api = start('src/main.js', {
    PORT: String(API_PORT),
    LOG_LEVEL: 'error',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ADMIN_EMAIL: 'bench.admin@panelist.bench',
    ADMIN_PASSWORD: 'bench-admin-password-2026',
  });
  const baseline = start('bench/raw-baseline.js', { BASELINE_PORT: String(BASE_PORT) });
  try {
    await waitFor(`http://127.0.0.1:${API_PORT}/api/health`);
    await waitFor(`http://127.0.0.1:${BASE_PORT}/`);
    const login = await fetch(`http://127.0.0.1:${API_PORT}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'bench.admin@panelist.bench',
        password: 'bench-admin-password-2026',
      }),
    });
    const token = ((await login.json()) as { access_token: string }).access_token;
    const auth = { authorization: `Bearer ${token}` };
    const apiUrl = `http://127.0.0.1:${API_PORT}`;
    const baseUrl = `http://127.0.0.1:${BASE_PORT}`;
    const scenarios: Scenario[] = [
      {
        name: 'GET /api/jobs/search?q=engineer kubernetes',
        connections: 32,
        api: { url: `${apiUrl}/api/jobs/search?q=engineer%20kubernetes` },
        baseline: { url: `${baseUrl}/search?q=engineer%20kubernetes` },
      },
      {
        // No job has both words: the every-word statement finds nothing and the any-word one ranks
        // every job with either (the "data scientist" case of issue 14.9).
        name: 'GET /api/jobs/search?q=mobile scientist (no job has both words)',
        connections: 32,
        api: { url: `${apiUrl}/api/jobs/search?q=mobile%20scientist` },
        baseline: { url: `${baseUrl}/search?q=mobile%20scientist` },
      },
      {
        name: `GET /api/jobs?work_mode=remote&skills=${skill.s}`,
        connections: 32,
        api: { url: `${apiUrl}/api/jobs?work_mode=remote&skills=${encodeURIComponent(skill.s)}` },
        baseline: { url: `${baseUrl}/jobs?work_mode=remote&skills=${encodeURIComponent(skill.s)}` },
      },
      {
        name: 'GET /api/candidates/matching?scope=all',
        connections: 4,
        api: { url: `${apiUrl}/api/candidates/matching?job_id=${job.id}&scope=all`, headers: auth },
        baseline: { url: `${baseUrl}/matching?job_id=${job.id}` },
      },
      {
        name: `GET /api/ats/pipeline (job with ${hot.application_count} applications)`,
        connections: 16,
        api: { url: `${apiUrl}/api/ats/pipeline?job_id=${hot.id}`, headers: auth },
        baseline: { url: `${baseUrl}/board?job_id=${hot.id}` },
      },
      {
        name: 'POST /api/job/apply',
        connections: 32,
        api: { url: `${apiUrl}/api/job/apply`, requests: applyRequests('api', job.id) },
        baseline: { url: `${baseUrl}/apply`, requests: applyRequests('base', job.id) },
      },
    ];
    const lines = [
      '| scenario | conns | API req/s | API p50 ms | API p99 ms | baseline req/s | baseline p50 ms | baseline p99 ms | API/baseline req/s | non-2xx (API/base) |',
      '|---|---|---|---|---|---|---|---|---|---|',
    ];
    // BENCH_ONLY=board,analytics runs the scenarios whose name contains one of the words.
    const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
    for (const s of scenarios.filter((x) => !only.length || only.some((w) => x.name.includes(w)))) {
      const common = { connections: s.connections, duration: DURATION };
      await run({ ...s.api, connections: s.connections, duration: 2 });
      const a = await run({ ...s.api, ...common });
      await run({ ...s.baseline, connections: s.connections, duration: 2 });
      const b = await run({ ...s.baseline, ...common });
      lines.push(
        `| ${s.name} | ${s.connections} | ${a.requests.average.toFixed(0)} | ${a.latency.p50} | ${a.latency.p99} | ${b.requests.average.toFixed(0)} | ${b.latency.p50} | ${b.latency.p99} | ${(a.requests.average / b.requests.average).toFixed(2)} | ${a.non2xx}/${b.non2xx} |`,
      );
      process.stdout.write(`${lines[lines.length - 1]}\n`);
    }
    // Analytics: one client, sequential requests, beside the same statements run raw.
    const range = 'from=2026-03-01T12:00:00Z&to=2026-09-01T12:00:00Z';
    const reports: [string, string][] = [
      ['GET /api/ats/analytics (all jobs)', ''],
      ['GET /api/ats/analytics?job_id=<hot job>', `job_id=${hot.id}`],
      ['GET /api/ats/analytics (all jobs, 6 months, partial days)', range],
    ];
    lines.push(
      '',
      '| analytics (1 connection) | API requests | API p50 ms | API p99 ms | baseline p50 ms | baseline p99 ms | non-2xx (API/base) |',
      '|---|---|---|---|---|---|---|',
    );
    for (const [name, query] of reports) {
      const a = await run({
        url: `${apiUrl}/api/ats/analytics?${query}`,
        headers: auth,
        connections: 1,
        duration: DURATION,
      });
      const b = await run({
        url: `${baseUrl}/analytics?${query}`,
        connections: 1,
        duration: DURATION,
      });
      lines.push(
        `| ${name} | ${a.requests.total} | ${a.latency.p50} | ${a.latency.p99} | ${b.latency.p50} | ${b.latency.p99} | ${a.non2xx}/${b.non2xx} |`,
      );
      process.stdout.write(`${lines[lines.length - 1]}\n`);
    }
    writeFileSync(join(root, 'bench', 'last-run.md'), `${lines.join('\n')}\n`);
  } finally {
    api.kill('SIGTERM');
    baseline.kill('SIGTERM');
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
