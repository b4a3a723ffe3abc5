import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

// Mixed workload at a fixed request rate for a fixed time, against one process (APP_ROLE=all) or
// an API process plus a separate worker (`split`). Samples RSS, event-loop delay (from /metrics)
// and database connections every 10 s. Usage:
//   DATABASE_URL=… node dist/bench/soak.js <seconds> <requests per second> [all|split]
// SOAK_MAX_OLD_SPACE_MB caps the API's V8 old space: a leak then ends the run with an
// out-of-memory crash (errors, and the process gone) instead of a slowly rising RSS line.
const SECONDS = Number(process.argv[2] ?? 120);
const RATE = Number(process.argv[3] ?? 100);
const MODE = process.argv[4] ?? 'all';
const PORT = 8795;
const root = join(__dirname, '..', '..');
const base = `http://127.0.0.1:${PORT}`;

const MAX_OLD_SPACE = process.env.SOAK_MAX_OLD_SPACE_MB;

function startApp(role: string, port: number) {
  const flags = MAX_OLD_SPACE ? [`--max-old-space-size=${MAX_OLD_SPACE}`] : [];
  return spawn(process.execPath, [...flags, join(root, 'dist', 'src', 'main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      APP_ROLE: role,
      LOG_LEVEL: 'error',
      RATE_LIMIT_PER_MINUTE: '100000000',
      ADMIN_EMAIL: 'bench.admin@panelist.bench',
      ADMIN_PASSWORD: 'bench-admin-password-2026',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

async function runtimeMetrics(): Promise<{ loopP99Ms: number; heapUsedMiB: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text)?.[1]);
  return {
    loopP99Ms: Math.round(value('nodejs_eventloop_lag_p99_seconds') * 1000 * 10) / 10,
    heapUsedMiB: Math.round(value('nodejs_heap_size_used_bytes') / 1024 / 1024),
  };
}

async function main(): Promise<void> {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  const {
    rows: [job],
  } = await db.query<{ id: string }>(
    `SELECT id FROM jobs WHERE status = 'Open' ORDER BY created_at DESC LIMIT 1`,
  );
  const api = startApp(MODE === 'split' ? 'api' : 'all', PORT);
  const worker = MODE === 'split' ? startApp('worker', PORT + 1) : null;
  try {
    for (let i = 0; i < 120; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) {
          break;
        }
      } catch {
        // starting
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'bench.admin@panelist.bench',
        password: 'bench-admin-password-2026',
      }),
    });
    const token = ((await login.json()) as { access_token: string }).access_token;
    let n = 0;
    const auth = { authorization: `Bearer ${token}` };
    // One cycle: browse, search, a job page, a recruiter board, an application.
    const requests: autocannon.Request[] = [
      { method: 'GET', path: '/api/jobs?limit=20' },
      { method: 'GET', path: '/api/jobs/search?q=engineer%20python' },
      { method: 'GET', path: `/api/jobs/${job.id}` },
      { method: 'GET', path: `/api/ats/pipeline?job_id=${job.id}`, headers: auth },
      { method: 'GET', path: `/api/jobs/${job.id}/applications?limit=20`, headers: auth },
      {
        method: 'POST',
        path: `/api/jobs/${job.id}/applications`,
        setupRequest: (req) => ({
          ...req,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            applicant_name: 'Soak Applicant',
            applicant_email: `soak.${process.pid}.${n++}@bench.example`,
            consent_data_processing: true,
          }),
        }),
      },
    ];
    const samples: string[] = [
      '| t (s) | RSS MiB | V8 heap used MiB | event-loop p99 ms | DB connections |',
      '|---|---|---|---|---|',
    ];
    const sample = async (t: number) => {
      const {
        rows: [c],
      } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()',
      );
      const runtime = await runtimeMetrics();
      samples.push(
        `| ${t} | ${rssMiB(api.pid!)} | ${runtime.heapUsedMiB} | ${runtime.loopP99Ms} | ${c.n} |`,
      );
    };
    await sample(0);
    const started = Date.now();
    const timer = setInterval(() => void sample(Math.round((Date.now() - started) / 1000)), 10_000);
    const result = await new Promise<autocannon.Result>((resolve, reject) =>
      autocannon(
        { url: base, connections: 16, overallRate: RATE, duration: SECONDS, requests },
        (error: unknown, r) => (error ? reject(new Error('autocannon failed')) : resolve(r)),
      ),
    );
    clearInterval(timer);
    await sample(SECONDS);
    const statusCounts = Object.entries(result.statusCodeStats ?? {})
      .map(([code, s]) => `${code}: ${(s as { count: number }).count}`)
      .join(', ');
    const report = [
      `Mode ${MODE}, ${SECONDS} s at ${RATE} req/s target, 16 connections, mixed cycle of ${requests.length} requests` +
        (MAX_OLD_SPACE ? `, API old space capped at ${MAX_OLD_SPACE} MiB.` : '.'),
      '',
      `Throughput ${result.requests.average} req/s; latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ` +
        `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx} (${statusCounts}).`,
      '',
      ...samples,
    ].join('\n');
    process.stdout.write(`${report}\n`);
    writeFileSync(join(root, 'bench', `soak-last-${MODE}.md`), `${report}\n`);
  } finally {
    api.kill('SIGTERM');
    worker?.kill('SIGTERM');
    await db.end();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
