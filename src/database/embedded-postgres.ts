import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { ClusterLocation, resolveClusterLocation } from './embedded/cluster-location';
import { EmbeddedDatabaseError, describeError } from './embedded/embedded-database.error';
import { reachableBinaries } from './embedded/postgres-binaries';
import { PostgresUser, postgresUser } from './embedded/postgres-user';
import {
  initialiseCluster,
  probe,
  resetSuperuserPassword,
  runningPostmaster,
  startPostmaster,
  stopPostmaster,
} from './embedded/postmaster';
import { withStartupLock } from './embedded/startup-lock';

export { EmbeddedDatabaseError } from './embedded/embedded-database.error';

export interface EmbeddedDatabaseHandle {
  url: string;
  // The cluster folder (PGDATA).
  dataDir: string;
  location: ClusterLocation;
  // Stops the server if no other process still uses it (see startEmbeddedPostgres).
  stop(): Promise<void>;
}

export interface EmbeddedStartOptions {
  database?: string;
  quiet?: boolean;
  // Where a cluster (and a copy of the binaries) goes when the postgres OS account cannot enter
  // DATA_DIR; configured by EMBEDDED_DB_FALLBACK_DIR.
  fallbackDir?: string;
}

interface ClusterState {
  port: number;
  password: string;
}

// Every process using a cluster holds this lock in shared mode on a connection of its own; the
// one that can take it exclusively on the way out is the last user and stops the server.
const USERS_LOCK_KEY = 727_100_030;
export const DEFAULT_FALLBACK_DIR = '/var/lib/panelist';

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
  const port = (preferred && (await tryPort(preferred))) || (await tryPort(0));
  if (!port) {
    throw new EmbeddedDatabaseError('No free TCP port on 127.0.0.1 for the embedded PostgreSQL');
  }
  return port;
}

function readState(file: string): ClusterState | null {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as Partial<ClusterState>;
    return typeof state.password === 'string' && Number.isInteger(state.port)
      ? (state as ClusterState)
      : null;
  } catch {
    return null;
  }
}

function writeState(file: string, state: ClusterState): void {
  writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
}

// Waits for a live postmaster that does not answer yet (starting, or stopping) to settle.
async function settle(pgData: string, password: string): Promise<'ok' | 'gone' | 'stuck'> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const running = runningPostmaster(pgData);
    if (!running) {
      return 'gone';
    }
    if ((await probe(running.port, password)) === 'ok') {
      return 'ok';
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return 'stuck';
}

// Finds the cluster's server running (another process of this DATA_DIR started it: share it) or
// starts it. Runs under the DATA_DIR's start-up lock.
async function ensureRunning(
  location: ClusterLocation,
  user: PostgresUser,
  fallbackDir: string,
  quiet: boolean,
): Promise<{ port: number; password: string }> {
  let state = readState(location.stateFile);
  const running = runningPostmaster(location.pgData);
  if (running) {
    const outcome = state ? await settle(location.pgData, state.password) : 'stuck';
    if (outcome === 'ok') {
      const port = runningPostmaster(location.pgData)?.port ?? running.port;
      if (!quiet) {
        logger.log(`Sharing the embedded PostgreSQL already running on 127.0.0.1:${port}`);
      }
      state = { port, password: state!.password };
      writeState(location.stateFile, state);
      return state;
    }
    if (outcome === 'stuck') {
      throw new EmbeddedDatabaseError(
        `The embedded PostgreSQL of this DATA_DIR is running (pid ${running.pid}, port ${running.port}, cluster ${location.pgData}) but does not accept this process's connection${state ? '' : ' (its password file is missing)'}; stop it (kill ${running.pid}) and start again`,
      );
    }
  }
  const binaries = reachableBinaries(user, fallbackDir);
  const password = state?.password ?? randomBytes(18).toString('base64url');
  if (!existsSync(join(location.pgData, 'PG_VERSION'))) {
    if (!quiet) {
      logger.log(`Creating the embedded PostgreSQL cluster in ${location.pgData}`);
    }
    writeState(location.stateFile, { port: state?.port ?? 0, password });
    await initialiseCluster(binaries, user, location, password);
  } else if (!state) {
    logger.warn(`${location.stateFile} is missing: setting a new password on the existing cluster`);
    await resetSuperuserPassword(binaries, user, location, password);
  }
  const port = await freePort(state?.port || undefined);
  writeState(location.stateFile, { port, password });
  await startPostmaster(binaries, user, location, port, password);
  if ((await probe(port, password)) === 'wrong-password') {
    throw new EmbeddedDatabaseError(
      `The password in ${location.stateFile} does not match the cluster in ${location.pgData}; remove that file to set a new one`,
    );
  }
  return { port, password };
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
    }
  } finally {
    await client.end();
  }
}

// Holds this process's share of the cluster until stop().
async function joinUsers(adminUrl: string): Promise<Client> {
  const lease = new Client({
    connectionString: adminUrl,
    application_name: 'panelist-embedded-lease',
    keepAlive: true,
  });
  lease.on('error', (error) => logger.warn(`Lost the embedded PostgreSQL lease: ${error.message}`));
  await lease.connect();
  await lease.query('SELECT pg_advisory_lock_shared($1)', [USERS_LOCK_KEY]);
  return lease;
}

// The embedded PostgreSQL of a DATA_DIR (`npm start`, `npm run seed`, the TypeORM CLI and the
// tests use it when DATABASE_URL is unset). Several processes on one DATA_DIR share one server:
// the first starts it, the others connect to it, and the last one to stop stops it. A server
// left behind by a killed process is adopted by the next one. See README "Where data lives".
export async function startEmbeddedPostgres(
  dataDir: string,
  options: EmbeddedStartOptions = {},
): Promise<EmbeddedDatabaseHandle> {
  const absolute = resolve(dataDir);
  const fallbackDir = options.fallbackDir ?? DEFAULT_FALLBACK_DIR;
  const database = options.database ?? 'panelist';
  const user = postgresUser();
  const location = resolveClusterLocation(absolute, user, fallbackDir);
  if (location.relocatedBecause) {
    logger.log(
      `Database cluster kept in ${location.pgData} because ${location.relocatedBecause} (DATA_DIR/pg links to it)`,
    );
  }
  const { adminUrl, lease } = await withStartupLock(absolute, async () => {
    const { port, password } = await ensureRunning(location, user, fallbackDir, !!options.quiet);
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    try {
      await createDatabaseIfMissing(url, database);
      return { adminUrl: url, lease: await joinUsers(url) };
    } catch (error) {
      throw new EmbeddedDatabaseError(
        `The embedded PostgreSQL on port ${port} is up but refused this process (${describeError(error)})`,
      );
    }
  });
  if (!options.quiet) {
    logger.log(`Embedded PostgreSQL on ${new URL(adminUrl).host} (cluster ${location.pgData})`);
  }
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= withStartupLock(absolute, async () => {
      let last = false;
      try {
        await lease.query('SELECT pg_advisory_unlock_shared($1)', [USERS_LOCK_KEY]);
        last = (
          await lease.query<{ last: boolean }>('SELECT pg_try_advisory_lock($1) AS last', [
            USERS_LOCK_KEY,
          ])
        ).rows[0].last;
      } catch {
        // The server went away already.
      }
      await lease.end().catch(() => undefined);
      const running = runningPostmaster(location.pgData);
      if (last && running) {
        await stopPostmaster(running.pid);
      } else if (running && !options.quiet) {
        logger.log('Left the embedded PostgreSQL running for the other processes using it');
      }
    }));
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return { url: url.toString(), dataDir: location.pgData, location, stop };
}
