import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { HttpClient } from '../../support/http-client';
import { TEST_SECRETS } from '../../support/test-app';

const MAIN = join(__dirname, '..', '..', '..', 'dist', 'src', 'main.js');

export interface AppProcess {
  child: ChildProcess;
  http: HttpClient;
  port: number;
  output(): string;
  // kill -9: no shutdown hook runs, pg-boss jobs stay 'active' in the database.
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

// The compiled app (`npm run build`) as a real process: API and workers, on the given database and
// data folder, with the same fixed test secrets as createTestApp so restarts can read what was
// written before.
export async function startAppProcess(options: {
  databaseUrl: string;
  dataDir: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<AppProcess> {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: run npm run build first`);
  }
  const port = options.port ?? (await freePort());
  let log = '';
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      ADMIN_EMAIL: 'admin@panelist.test',
      ADMIN_PASSWORD: 'admin-password-for-tests',
      RATE_LIMIT_PER_MINUTE: '100000',
      ...TEST_SECRETS,
      ...options.env,
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: options.dataDir,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-20_000)));
  child.stderr?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-20_000)));
  const app: AppProcess = {
    child,
    port,
    http: new HttpClient(`http://127.0.0.1:${port}`),
    output: () => log.slice(-3000),
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the app exited early (${child.exitCode}): ${app.output()}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) {
        return app;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await app.kill();
      throw new Error(`no healthy answer in time: ${app.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function queryDatabase<T = Record<string, unknown>>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function waitUntil(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 45_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
