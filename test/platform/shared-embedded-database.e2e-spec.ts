import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import {
  DIST,
  ServerProcess,
  spawnNode,
  startServer,
  stopLeftoverPostmaster,
} from '../support/server-process';

async function canQuery(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// #13.14: `npm run seed` while the server ran took the server's live postmaster for a stale one,
// stopped it, and the server never recovered. Processes on one DATA_DIR now share the running
// cluster; the last one to leave stops it.
describe('13.14 one embedded database shared by the processes of a DATA_DIR (e2e)', () => {
  const root = mkdtempSync(join(tmpdir(), 'panelist-shared-'));
  chmodSync(root, 0o755);
  let server: ServerProcess | null = null;

  afterAll(() => {
    server?.child.kill('SIGKILL');
    stopLeftoverPostmaster(join(root, 'data'));
    stopLeftoverPostmaster(join(root, 'lib'));
    rmSync(root, { recursive: true, force: true });
  });

  it('13.14 npm run seed while the server runs: both work, the server keeps its database', async () => {
    const env = { DATA_DIR: join(root, 'data'), XDG_CONFIG_HOME: join(root, 'config') };
    server = await startServer(env);
    const seed = spawnNode(join(DIST, 'scripts', 'seed', 'seed.js'), env);
    const seedStatus = await seed.exited;
    expect(seed.output()).toContain('Demo data created');
    expect(seedStatus.code).toBe(0);

    const health = await fetch(`${server.baseUrl}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'healthy', database: 'connected' });
    // The seeded data is in the server's database.
    const jobs = (await (await fetch(`${server.baseUrl}/api/jobs?limit=50`)).json()) as {
      items: unknown[];
    };
    expect(jobs.items.length).toBeGreaterThanOrEqual(10);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  }, 240_000);

  it('13.14 the last process to leave stops the server, not the first', async () => {
    const dataDir = join(root, 'lib');
    const first = await startEmbeddedPostgres(dataDir, { quiet: true });
    const second = await startEmbeddedPostgres(dataDir, { quiet: true });
    expect(second.url).toBe(first.url);
    await first.stop();
    expect(await canQuery(second.url)).toBe(true);
    await second.stop();
    expect(await canQuery(second.url)).toBe(false);
    // A later start finds it stopped and starts it again on the same data.
    const third = await startEmbeddedPostgres(dataDir, { quiet: true });
    expect(await canQuery(third.url)).toBe(true);
    await third.stop();
  }, 120_000);
});
