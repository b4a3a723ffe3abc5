import type autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { cpuSeconds, exited, load, run, start, waitFor } from './bench-support';
import { resumePdf } from './soak-support';

// Issue 16: the per-request cost of the hot routes against their raw node:http + pg twins
// (bench/raw-hot-path.ts, bench/raw-baseline.ts), API and twin alternated in one run, the API at
// its default log level with its log written to a file. Needs DATABASE_URL filled by
// generate-data. Usage: node dist/bench/hot-path.js [seconds]; BENCH_ONLY=search,health picks
// scenarios by name; BENCH_PROFILE=<dir> writes a V8 CPU profile of the API there.
const DURATION = Number(process.argv[2] ?? 10);
const API_PORT = 8796;
const BASE_PORT = 8797;
const BARE_PORT = 8798;
const ADMIN = { username: 'bench.admin@panelist.bench', password: 'bench-admin-password-2026' };

interface Scenario {
  name: string;
  connections: number;
  api: autocannon.Options;
  baseline?: autocannon.Options;
  // The process serving `baseline`, when not the raw node:http + pg server.
  twin?: ChildProcess;
}

// A different id on every request, from a pool of open jobs.
function rotating(base: string, ids: string[], path: (id: string) => string): autocannon.Options {
  let n = 0;
  return {
    url: base,
    requests: [{ setupRequest: (req) => ({ ...req, path: path(ids[n++ % ids.length]) }) }],
  };
}

function multipart(boundary: string, email: string, pdf: Buffer): Buffer {
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return Buffer.concat([
    Buffer.from(
      field('applicant_name', 'Bench Applicant') +
        field('applicant_email', email) +
        field('consent_data_processing', 'true') +
        `--${boundary}\r\nContent-Disposition: form-data; name="resume"; filename="cv.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    pdf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

function applyWithResume(url: string, side: string, pdf: Buffer): autocannon.Options {
  let n = 0;
  const boundary = 'benchboundary7MA4YWxkTrZu0gW';
  return {
    url,
    method: 'POST',
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
          body: multipart(boundary, `${side}.${process.pid}.${n++}@bench.example`, pdf),
        }),
      },
    ],
  };
}

async function main(): Promise<void> {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  await db.query('VACUUM (ANALYZE) applications, jobs, job_search, pipeline_stage_counts');
  const ids = (
    await db.query<{ id: string }>(
      `SELECT id FROM jobs WHERE status = 'Open' AND archived_at IS NULL ORDER BY random() LIMIT 500`,
    )
  ).rows.map((r) => r.id);
  const [hot] = (
    await db.query<{ id: string; application_count: number }>(
      'SELECT id, application_count FROM jobs ORDER BY application_count DESC LIMIT 1',
    )
  ).rows;
  const [{ jobs }] = (await db.query<{ jobs: number }>('SELECT count(*)::int AS jobs FROM jobs'))
    .rows;
  await db.end();

  const logFile = join(tmpdir(), `panelist-bench-api-${process.pid}.log`);
  const profileDir = process.env.BENCH_PROFILE;
  const api = start(
    'src/main.js',
    {
      PORT: String(API_PORT),
      APP_ROLE: 'api',
      RATE_LIMIT_PER_MINUTE: '100000000',
      UPLOAD_QUOTA_FILES_PER_ADDRESS: '100000000',
      UPLOAD_QUOTA_BYTES_PER_ADDRESS: String(1024 ** 4),
      UPLOAD_PENDING_ANONYMOUS_MAX_BYTES: String(1024 ** 4),
      ADMIN_EMAIL: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
    },
    { logFile, nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] },
  );
  const baseline = start('bench/raw-baseline.js', { BASELINE_PORT: String(BASE_PORT) });
  const bare = start('bench/bare-nest.js', { BARE_PORT: String(BARE_PORT) });
  try {
    await waitFor(`http://127.0.0.1:${API_PORT}/api/health`);
    await waitFor(`http://127.0.0.1:${BASE_PORT}/`);
    await waitFor(`http://127.0.0.1:${BARE_PORT}/api/health`);
    const login = await fetch(`http://127.0.0.1:${API_PORT}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const token = ((await login.json()) as { access_token: string }).access_token;
    const auth = { authorization: `Bearer ${token}` };
    const a = `http://127.0.0.1:${API_PORT}`;
    const b = `http://127.0.0.1:${BASE_PORT}`;
    const pdf = await resumePdf(1);
    const common = process.env.BENCH_COMMON_WORD ?? 'engineer';
    const rare = process.env.BENCH_RARE_WORD ?? '4321';
    const scenarios: Scenario[] = [
      {
        // The twin is a bare NestJS + Fastify route (bench/bare-nest.ts), not node:http + pg.
        name: 'GET /api/health (twin: bare NestJS route)',
        connections: 32,
        api: { url: `${a}/api/health` },
        baseline: { url: `http://127.0.0.1:${BARE_PORT}/api/health` },
        twin: bare,
      },
      {
        name: 'GET /api/jobs/:id (anonymous)',
        connections: 32,
        api: rotating(a, ids, (id) => `/api/jobs/${id}`),
        baseline: rotating(b, ids, (id) => `/job?id=${id}`),
      },
      {
        name: 'GET /api/jobs?limit=20',
        connections: 32,
        api: { url: `${a}/api/jobs?limit=20` },
        baseline: { url: `${b}/list` },
      },
      {
        name: `GET /api/jobs/search?q=${common} (common word)`,
        connections: 32,
        api: { url: `${a}/api/jobs/search?q=${common}` },
        baseline: { url: `${b}/search?q=${common}` },
      },
      {
        name: `GET /api/jobs/search?q=${rare} (rare word)`,
        connections: 32,
        api: { url: `${a}/api/jobs/search?q=${rare}` },
        baseline: { url: `${b}/search?q=${rare}` },
      },
      {
        name: `GET /api/ats/pipeline (board, ${hot.application_count} applications)`,
        connections: 16,
        api: { url: `${a}/api/ats/pipeline?job_id=${hot.id}`, headers: auth },
        baseline: { url: `${b}/board?job_id=${hot.id}` },
      },
      {
        name: 'POST /api/jobs/:id/applications (multipart, PDF résumé)',
        connections: 32,
        api: applyWithResume(`${a}/api/jobs/${ids[0]}/applications`, 'api', pdf),
        baseline: applyWithResume(`${b}/apply-resume?job_id=${ids[0]}`, 'base', pdf),
      },
    ];
    const lines = [
      `${jobs} jobs, ${DURATION} s per side after a 2 s warm-up, API at the default log level`,
      '',
      '| scenario | conns | API req/s | API p50 / p99 ms | raw req/s | raw p50 / p99 ms | API/raw | non-2xx (API/raw) | CPU µs/req API / raw | load |',
      '|---|---|---|---|---|---|---|---|---|---|',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    let requests = 0;
    const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
    for (const s of scenarios.filter((x) => !only.length || only.some((w) => x.name.includes(w)))) {
      const opts = { connections: s.connections, duration: DURATION };
      await run({ ...s.api, connections: s.connections, duration: 2 });
      const apiCpu = cpuSeconds(api.pid!);
      const x = await run({ ...s.api, ...opts });
      const apiUs = perRequest(cpuSeconds(api.pid!) - apiCpu, x.requests.total);
      requests += x.requests.total;
      let twin = '| — | — | — | — ';
      let cpu = apiUs;
      if (s.baseline) {
        await run({ ...s.baseline, connections: s.connections, duration: 2 });
        const server = s.twin ?? baseline;
        const rawCpu = cpuSeconds(server.pid!);
        const y = await run({ ...s.baseline, ...opts });
        const ratio = (x.requests.average / y.requests.average).toFixed(2);
        twin = `| ${y.requests.average.toFixed(0)} | ${y.latency.p50} / ${y.latency.p99} | ${ratio} | ${x.non2xx}/${y.non2xx} `;
        cpu = `${apiUs} / ${perRequest(cpuSeconds(server.pid!) - rawCpu, y.requests.total)}`;
      } else {
        twin = `| — | — | — | ${x.non2xx} `;
      }
      const line = `| ${s.name} | ${s.connections} | ${x.requests.average.toFixed(0)} | ${x.latency.p50} / ${x.latency.p99} ${twin}| ${cpu} | ${load()} |`;
      lines.push(line);
      process.stdout.write(`${line}\n`);
    }
    api.kill('SIGTERM');
    await exited(api);
    const bytes = statSync(logFile).size;
    process.stdout.write(
      `\nAPI log: ${(bytes / 1024 ** 2).toFixed(1)} MiB for about ${requests} measured requests (${logFile})\n`,
    );
  } finally {
    api.kill('SIGTERM');
    baseline.kill('SIGTERM');
    bare.kill('SIGTERM');
  }
}

function perRequest(seconds: number, requests: number): string {
  return requests ? ((seconds * 1e6) / requests).toFixed(0) : '—';
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
