import { chmodSync, lstatSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MAIN,
  ServerProcess,
  spawnNode,
  startServer,
  stopLeftoverPostmaster,
} from '../support/server-process';

const asRoot = process.getuid?.() === 0;
if (!asRoot) {
  process.stdout.write(
    'SKIPPED "embedded database from a folder the postgres account cannot enter": only root runs PostgreSQL as another account\n',
  );
}

// #14.3: as root, PostgreSQL runs as the postgres OS account. A DATA_DIR inside a folder that
// account cannot enter (a checkout under /root, a 0700 temporary folder) used to fail with a stack
// trace, or put the cluster in the OS temp folder, which systems clean. The cluster now lives
// under EMBEDDED_DB_FALLBACK_DIR (persistent; /var/lib/panelist by default), DATA_DIR/pg links to
// it, and a start that truly cannot work says so in one line.
(asRoot ? describe : describe.skip)(
  'embedded database from a folder the postgres account cannot enter (e2e)',
  () => {
    const closed = mkdtempSync(join(tmpdir(), 'panelist-closed-')); // 0700, like mktemp -d
    const open = mkdtempSync(join(tmpdir(), 'panelist-fallback-'));
    chmodSync(open, 0o755);
    const dataDir = join(closed, 'checkout', 'data');
    const env = {
      DATA_DIR: dataDir,
      XDG_CONFIG_HOME: join(closed, 'config'),
      EMBEDDED_DB_FALLBACK_DIR: join(open, 'lib'),
      LOG_LEVEL: 'info',
    };
    const servers: ServerProcess[] = [];

    afterAll(() => {
      servers.forEach((server) => server.child.kill('SIGKILL'));
      stopLeftoverPostmaster(dataDir);
      rmSync(closed, { recursive: true, force: true });
      rmSync(open, { recursive: true, force: true });
    });

    it('keeps the cluster under the fallback folder, linked from DATA_DIR, across restarts', async () => {
      const first = await startServer(env);
      servers.push(first);
      const [, username, password] = /Sign in\s+username (\S+)\s+password (\S+)/.exec(
        first.output(),
      )!;
      expect(first.output()).toMatch(
        /Database cluster kept in \S+\/lib\/clusters\/checkout-data-[0-9a-f]{12}\/pg because the \\?"postgres\\?" OS account that runs PostgreSQL cannot enter \S+panelist-closed-\w+ /,
      );
      expect(lstatSync(join(dataDir, 'pg')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(dataDir, 'pg'))).toMatch(
        new RegExp(`^${open}/lib/clusters/checkout-data-[0-9a-f]{12}/pg$`),
      );
      expect((await first.stop()).code).toBe(0);

      const second = await startServer(env);
      servers.push(second);
      try {
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

    it('fails with one readable line when no place the account can reach is left', async () => {
      const unreachable = join(closed, 'no-fallback');
      const proc = spawnNode(MAIN, {
        ...env,
        DATA_DIR: join(closed, 'other', 'data'),
        EMBEDDED_DB_FALLBACK_DIR: unreachable,
        PORT: '0',
      });
      const status = await proc.exited;
      const lines = proc
        .output()
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('{'));
      expect(status.code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^Start-up failed: Neither DATA_DIR .* nor .*no-fallback.* can be entered by the "postgres" OS account/,
      );
    }, 60_000);
  },
);
