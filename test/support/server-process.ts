import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const DIST = join(__dirname, '..', '..', 'dist', 'src');
export const MAIN = join(DIST, 'main.js');

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface NodeProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<ExitStatus>;
}

// A compiled entry point of the project (dist/src/…) as a real process, its stdout and stderr
// captured together. DATABASE_URL and the secrets come from `env` only: nothing of the test
// runner's environment that names a database or a key leaks in.
export function spawnNode(
  script: string,
  env: Record<string, string>,
  options: { detached?: boolean } = {},
): NodeProcess {
  if (!existsSync(script)) {
    throw new Error(`${script} is missing: run npm run build first`);
  }
  const inherited: Record<string, string | undefined> = { ...process.env };
  for (const name of [
    'DATABASE_URL',
    'ADMIN_EMAIL',
    'ADMIN_PASSWORD',
    'JWT_SECRET',
    'PII_ENCRYPTION_KEYS',
    'BLIND_INDEX_KEY',
    'TURN_SECRET',
    'DATA_DIR',
    'SECRETS_FILE',
    'PORT',
  ]) {
    delete inherited[name];
  }
  let log = '';
  const child = spawn(process.execPath, [script], {
    env: { ...inherited, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, like a program started in a terminal (kill(-pid) reaches the group).
    detached: options.detached ?? false,
  });
  child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<ExitStatus>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => log, exited };
}

export interface ServerProcess extends NodeProcess {
  port: number;
  baseUrl: string;
  // SIGTERM, then the exit status.
  stop(): Promise<ExitStatus>;
}

// `node dist/src/main.js` listening on a free port; resolves once /api/health answers 200.
export async function startServer(
  env: Record<string, string>,
  options: { detached?: boolean } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const proc = spawnNode(MAIN, { PORT: String(port), ...env }, options);
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    ...proc,
    port,
    baseUrl,
    stop: async () => {
      if (proc.child.exitCode === null && proc.child.signalCode === null) {
        proc.child.kill('SIGTERM');
      }
      return proc.exited;
    },
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(
        `the server exited early (${proc.child.exitCode}): ${proc.output().slice(-3000)}`,
      );
    }
    try {
      if ((await fetch(`${baseUrl}/api/health`)).status === 200) {
        return server;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.child.kill('SIGKILL');
  throw new Error(`no healthy answer in time: ${proc.output().slice(-3000)}`);
}

// After a test killed a server with SIGKILL, its embedded PostgreSQL lives on (by design: the
// next start adopts it). Tests that do not start again stop it here so nothing outlives them.
export function stopLeftoverPostmaster(dataDir: string): void {
  try {
    const pid = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) {
      process.kill(pid, 'SIGQUIT');
    }
  } catch {
    // none running
  }
}
