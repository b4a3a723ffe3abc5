import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(
  port: number,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server exited early (${child.exitCode}): ${output()}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no healthy answer in time: ${output()}`);
}

function start(dataDir: string, port: number): { child: ChildProcess; output: () => string } {
  let log = '';
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.ADMIN_EMAIL;
  delete env.ADMIN_PASSWORD;
  for (const name of ['JWT_SECRET', 'PII_ENCRYPTION_KEYS', 'BLIND_INDEX_KEY', 'TURN_SECRET']) {
    delete env[name];
  }
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
  return { child, output: () => log.slice(-2000) };
}

// `npm start` on a fresh machine: embedded PostgreSQL under DATA_DIR, an admin printed once; after
// kill -9 the orphaned postgres is detected and the next start comes up on the same data.
describe('Embedded database start-up and crash recovery (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'panelist-embedded-'));
  // Traversable by the postgres OS user, so the cluster lives inside DATA_DIR and is cleaned up.
  chmodSync(dataDir, 0o755);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('comes up, survives kill -9, and keeps its data and secrets', async () => {
    expect(existsSync(MAIN)).toBe(true);
    const port = await freePort();
    const first = start(dataDir, port);
    await waitForHealth(port, first.child, first.output);
    expect(first.output()).toMatch(
      /Created the first admin: username "admin", e-mail admin@panelist\.local, password (\S+)/,
    );
    const password = /password (\S+) \(shown once/.exec(first.output())![1];
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = start(dataDir, port);
    try {
      await waitForHealth(port, second.child, second.output);
      expect(second.output()).not.toContain('Created the first admin');
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(login.status).toBe(200);
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  }, 150_000);
});
