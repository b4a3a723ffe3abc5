import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerProcess, startServer, stopLeftoverPostmaster } from '../support/server-process';

// Lines of the structured log at warn (40) or above, plus anything that looks like a crash.
function problems(output: string): string[] {
  return output
    .split('\n')
    .filter(
      (line) =>
        /"level":(4|5|6)\d/.test(line) ||
        /Unhandled|57P01|terminating connection|^\s+at /.test(line),
    );
}

// A request whose body arrives in two halves: the server has it open until the second half.
function slowLogin(baseUrl: string): {
  finish(): void;
  response: Promise<{ status: number; body: string }>;
} {
  const body = JSON.stringify({ username: 'nobody-here', password: 'not-the-password-123' });
  const half = Math.floor(body.length / 2);
  const req = request(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.once('error', reject);
    });
  });
  req.write(body.slice(0, half));
  return { finish: () => req.end(body.slice(half)), response };
}

// #13.15: a normal stop (SIGTERM from a service manager, Ctrl+C in a terminal) used to crash with
// an unhandled 'error' event (57P01, the embedded PostgreSQL stopped under the live pools) and
// exit 1. The server now stops accepting, drains requests and queue workers, closes its pools,
// then stops the embedded database, and exits 0.
describe('13.15 graceful shutdown of the built server (e2e)', () => {
  const root = mkdtempSync(join(tmpdir(), 'panelist-shutdown-'));
  chmodSync(root, 0o755);
  let running: ServerProcess | null = null;
  // One DATA_DIR for all: only the first start creates and migrates the cluster.
  const env = {
    DATA_DIR: join(root, 'data'),
    XDG_CONFIG_HOME: join(root, 'config'),
    LOG_LEVEL: 'info',
  };

  afterEach(() => {
    running?.child.kill('SIGKILL');
    running = null;
  });
  afterAll(() => {
    stopLeftoverPostmaster(env.DATA_DIR);
    rmSync(root, { recursive: true, force: true });
  });

  it('13.15 SIGTERM on the embedded database exits 0 with no error in the output', async () => {
    running = await startServer(env);
    const status = await running.stop();
    expect(problems(running.output())).toEqual([]);
    expect(status).toEqual({ code: 0, signal: null });
    expect(running.output()).toContain('Stopped cleanly');
  }, 120_000);

  it('13.15 SIGTERM with a request in flight answers it, then exits 0', async () => {
    running = await startServer(env);
    const login = slowLogin(running.baseUrl);
    await new Promise((r) => setTimeout(r, 300));
    running.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 700));
    expect(running.child.exitCode).toBeNull(); // still draining the open request
    const refused = await fetch(`${running.baseUrl}/api/health`).catch(() => null);
    expect(refused).toBeNull(); // no new connections once stopping
    login.finish();
    const answer = await login.response;
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 401 });
    const status = await running.exited;
    expect(problems(running.output())).toEqual([]);
    expect(status).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('13.15 Ctrl+C in a terminal (SIGINT to the whole process group) exits 0', async () => {
    running = await startServer(env, { detached: true });
    process.kill(-running.child.pid!, 'SIGINT');
    const status = await running.exited;
    expect(problems(running.output())).toEqual([]);
    expect(status).toEqual({ code: 0, signal: null });
  }, 120_000);
});
