import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// What authentication costs per request: the same public route (GET /api/jobs/:id, which also
// accepts a bearer token) without a token and with one, alternated in one run against one build.
// The difference in the API process's CPU time per request is the token check plus the account
// check (a database round trip, when there is one, also costs PostgreSQL's time, not counted).
// Usage: DATABASE_URL=… node dist/bench/auth/auth-bench.js <dist folder of the build> [seconds]
// The database must exist; the API migrates it and creates the bench admin.
const DIST = resolve(process.argv[2] ?? 'dist');
const DURATION = Number(process.argv[3] ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PORT = Number(process.env.BENCH_PORT ?? 8797);
const ADMIN = { username: 'bench.auth@panelist.bench', password: 'bench-admin-password-2026' };

function start(): ChildProcess {
  return spawn(process.execPath, [resolve(DIST, 'src', 'main.js')], {
    env: {
      ...process.env,
      PORT: String(PORT),
      LOG_LEVEL: 'error',
      // No queue workers: their polling would count as CPU time of the requests.
      APP_ROLE: 'api',
      RATE_LIMIT_PER_MINUTE: '100000000',
      ADMIN_EMAIL: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).status < 500) {
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((done, fail) => {
    autocannon(options, (error: unknown, result) =>
      error ? fail(error instanceof Error ? error : new Error('autocannon failed')) : done(result),
    );
  });
}

// CPU time (user + system) the API process has used, in microseconds: under a loaded machine
// throughput swings with the neighbours, CPU time per request much less.
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000; // utime + stime, 100 ticks/s
}

async function call(path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(`http://127.0.0.1:${PORT}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) {
    throw new Error(`${path}: ${res.status} ${await res.text()}`);
  }
  return (await res.json()) as Record<string, unknown>;
}

async function main(): Promise<void> {
  const api = start();
  try {
    await waitFor(`http://127.0.0.1:${PORT}/api/health`);
    const token = (await call('/api/auth/login', ADMIN)).access_token as string;
    const job = await call(
      '/api/jobs',
      { title: 'Bench Engineer', description: 'Auth bench.', company: 'Acme', status: 'Open' },
      token,
    );
    const url = `http://127.0.0.1:${PORT}/api/jobs/${job.id as string}`;
    const sides: [string, autocannon.Options][] = [
      ['anonymous', { url }],
      ['bearer token', { url, headers: { authorization: `Bearer ${token}` } }],
    ];
    const lines = [
      `| round | side | req/s | p50 ms | p99 ms | API CPU µs/request | non-2xx | errors |`,
      '|---|---|---|---|---|---|---|---|',
    ];
    const perRequest: Record<string, number[]> = {};
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [side, options] of sides) {
        await run({ ...options, connections: 32, duration: 2 });
        const cpuBefore = cpuMicros(api.pid!);
        const r = await run({ ...options, connections: 32, duration: DURATION });
        const cpu = (cpuMicros(api.pid!) - cpuBefore) / r.requests.total;
        (perRequest[side] ??= []).push(cpu);
        lines.push(
          `| ${round} | ${side} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${cpu.toFixed(0)} | ${r.non2xx} | ${r.errors} |`,
        );
        process.stdout.write(`${lines[lines.length - 1]}\n`);
      }
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const cost = mean(perRequest['bearer token']) - mean(perRequest.anonymous);
    process.stdout.write(
      `${lines.join('\n')}\n\nauthentication: ${cost.toFixed(0)} µs of API CPU per request (${DIST})\n`,
    );
  } finally {
    const exited = new Promise((done) => api.once('exit', done));
    api.kill('SIGTERM');
    await exited;
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
