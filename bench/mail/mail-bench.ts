import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';

// Two measurements, each against a raw baseline in the same run:
// 1. delivery: 1,000 messages queued in the outbox, sent by one worker process to a local SMTP
//    server (messages/s), against nodemailer alone sending 1,000 messages to the same server with
//    the same pool (2 connections) and concurrency (4);
// 2. the outbox's cost on POST /api/jobs/:id/applications (which now renders and stores
//    application_received in its transaction): this build against a build without the outbox
//    (BASELINE_MAIN=<checkout of main>/dist/src/main.js), 1,000 applications each, twice, alternating.
// Usage: DATABASE_SERVER_URL=postgres://postgres@127.0.0.1:5432/postgres \
//        BASELINE_MAIN=/tmp/panelist-main/dist/src/main.js node dist/bench/mail/mail-bench.js
const SERVER_URL = process.env.DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MESSAGES = Number(process.env.MAIL_BENCH_MESSAGES ?? 1000);
const CONNECTIONS = 16;
const root = join(__dirname, '..', '..', '..');
const SECRETS = {
  JWT_SECRET: 'bench-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz',
  PII_ENCRYPTION_KEYS: `b1:${Buffer.alloc(32, 9).toString('base64')}`,
  BLIND_INDEX_KEY: 'bench-blind-index-key-0123456789abcdefghij',
  TURN_SECRET: 'bench-turn',
  ADMIN_EMAIL: 'admin@bench.example',
  ADMIN_PASSWORD: 'bench-admin-password-42',
  RATE_LIMIT_PER_MINUTE: '10000000',
  LOG_LEVEL: 'error',
  NODE_ENV: 'test',
};

interface Smtp {
  url: string;
  times: number[];
  close(): Promise<void>;
}

async function startSmtp(): Promise<Smtp> {
  const times: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        times.push(performance.now());
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    times,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function createDatabase(): Promise<string> {
  const name = `panelist_mailbench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(url: string): Promise<void> {
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
}

async function startApp(
  main: string,
  databaseUrl: string,
  port: number,
  env: Record<string, string>,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      ...SECRETS,
      ...env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      DATA_DIR: `/tmp/panelist-mailbench-${port}`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) {
        return child;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${main} did not come up on ${port}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function openJob(port: number): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: SECRETS.ADMIN_EMAIL, password: SECRETS.ADMIN_PASSWORD }),
  });
  const { access_token } = (await login.json()) as { access_token: string };
  const job = await fetch(`${base}/api/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
    body: JSON.stringify({ title: 'Bench Engineer', description: 'Bench.', status: 'Open' }),
  });
  return ((await job.json()) as { id: string }).id;
}

function applications(port: number, jobId: string, tag: string): Promise<autocannon.Result> {
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}/api/jobs/${jobId}/applications`,
        connections: CONNECTIONS,
        amount: MESSAGES,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => ({
              ...req,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                consent_data_processing: true,
                applicant_name: 'Bench Applicant',
                applicant_email: `${tag}.${process.pid}.${n++}@bench.example`,
              }),
            }),
          },
        ],
      },
      (error: unknown, result) =>
        error ? reject(error instanceof Error ? error : new Error('autocannon')) : resolve(result),
    );
  });
}

async function countSent(databaseUrl: string): Promise<number> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM mail_messages WHERE status = 'sent'`,
  );
  await db.end();
  return rows[0].n;
}

function rate(times: number[]): { perSecond: number; seconds: number } {
  const seconds = (times[times.length - 1] - times[0]) / 1000;
  return { perSecond: (times.length - 1) / seconds, seconds };
}

async function rawNodemailer(smtp: Smtp): Promise<{ perSecond: number; seconds: number }> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: Number(new URL(smtp.url).port),
    pool: true,
    maxConnections: 2,
  });
  smtp.times.length = 0;
  let next = 0;
  const worker = async () => {
    while (next < MESSAGES) {
      const i = next++;
      await transport.sendMail({
        from: 'Panelist <no-reply@localhost>',
        to: `raw.${i}@bench.example`,
        subject: 'We received your application: Bench Engineer',
        text: 'Hello Bench Applicant,\n\nThank you for applying.',
        html: '<p>Hello Bench Applicant,</p><p>Thank you for applying.</p>',
      });
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  transport.close();
  return rate(smtp.times);
}

const row = (name: string, r: autocannon.Result): string =>
  `| ${name} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx} |`;

async function main(): Promise<void> {
  const baselineMain = process.env.BASELINE_MAIN;
  const smtp = await startSmtp();
  const withDb = await createDatabase();
  const withoutDb = baselineMain ? await createDatabase() : null;
  const lines: string[] = [];
  try {
    // API only: applications queue their messages; no worker sends them yet.
    const api = await startApp(join(root, 'dist', 'src', 'main.js'), withDb, 8791, {
      APP_ROLE: 'api',
      SMTP_URL: smtp.url,
    });
    const without =
      withoutDb && baselineMain
        ? await startApp(baselineMain, withoutDb, 8792, { APP_ROLE: 'api' })
        : null;
    const jobWith = await openJob(8791);
    const jobWithout = without ? await openJob(8792) : null;
    lines.push(
      '| POST /api/jobs/:id/applications, 16 connections, 1,000 each | req/s | p50 ms | p99 ms | non-2xx |',
      '|---|---|---|---|---|',
    );
    for (const round of [1, 2]) {
      lines.push(
        row(`with the outbox (round ${round})`, await applications(8791, jobWith, `w${round}`)),
      );
      if (without && jobWithout) {
        lines.push(
          row(`without (main) (round ${round})`, await applications(8792, jobWithout, `o${round}`)),
        );
      }
    }
    await stop(api);
    if (without) {
      await stop(without);
    }

    // One worker process sends what the two rounds queued.
    const queued = MESSAGES * 2;
    smtp.times.length = 0;
    const startedAt = performance.now();
    const worker = await startApp(join(root, 'dist', 'src', 'main.js'), withDb, 8793, {
      APP_ROLE: 'worker',
      SMTP_URL: smtp.url,
    });
    while ((await countSent(withDb)) < queued) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const wall = (performance.now() - startedAt) / 1000;
    await stop(worker);
    const outbox = rate(smtp.times);
    const raw = await rawNodemailer(smtp);
    lines.push(
      '',
      '| delivery to a local SMTP server | messages | messages/s | seconds |',
      '|---|---|---|---|',
      `| outbox: one worker process (first to last accepted) | ${queued} | ${outbox.perSecond.toFixed(0)} | ${outbox.seconds.toFixed(1)} |`,
      `| outbox: same, from worker start (boot included) | ${queued} | ${(queued / wall).toFixed(0)} | ${wall.toFixed(1)} |`,
      `| raw nodemailer, same pool and concurrency | ${MESSAGES} | ${raw.perSecond.toFixed(0)} | ${raw.seconds.toFixed(1)} |`,
    );
  } finally {
    await smtp.close();
    await dropDatabase(withDb);
    if (withoutDb) {
      await dropDatabase(withoutDb);
    }
  }
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
