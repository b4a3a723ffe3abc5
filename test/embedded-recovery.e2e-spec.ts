import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './support/server-process';

// `npm start` on a fresh machine: embedded PostgreSQL under DATA_DIR, an admin printed once in the
// start-up summary that ends a short start-up output (#14.6); after kill -9 the orphaned postgres is adopted and the next start comes up on
// the same data with the same secrets.
describe('Embedded database start-up and crash recovery (e2e)', () => {
  const root = mkdtempSync(join(tmpdir(), 'panelist-embedded-'));
  // Traversable by the postgres OS user, so the cluster lives inside DATA_DIR and is cleaned up.
  chmodSync(root, 0o755);
  const env = {
    DATA_DIR: join(root, 'data'),
    XDG_CONFIG_HOME: join(root, 'config'),
    LOG_LEVEL: 'info',
  };

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('comes up, survives kill -9, and keeps its data and secrets', async () => {
    const first = await startServer(env);
    const summary = /Sign in\s+username (\S+)\s+password (\S+)/.exec(first.output());
    expect(summary).not.toBeNull();
    const [, username, password] = summary!;
    expect(first.output()).toContain(`Data      ${env.DATA_DIR}`);
    expect(first.output()).toContain(`Secrets   ${env.XDG_CONFIG_HOME}/panelist/`);
    // #14.6: a short start-up that ends with the summary; Nest's per-module and per-route lines
    // are debug output.
    const startUp = first.output().split(/\n  Stop {6}[^\n]*\n/)[0].split('\n');
    expect(startUp.length).toBeLessThan(20);
    expect(first.output()).not.toMatch(/Mapped \{|dependencies initialized/);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startServer(env);
    try {
      expect(second.output()).not.toMatch(/Sign in\s+username/);
      const login = await fetch(`${second.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      expect(login.status).toBe(200);
    } finally {
      expect((await second.stop()).code).toBe(0);
    }
  }, 180_000);
});
