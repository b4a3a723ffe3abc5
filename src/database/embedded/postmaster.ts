import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedDatabaseError, describeError } from './embedded-database.error';
import type { ClusterLocation } from './cluster-location';
import type { PostgresBinaries } from './postgres-binaries';
import { PostgresUser, handOver, postgresEnvironment } from './postgres-user';

const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

export interface RunningPostmaster {
  pid: number;
  port: number;
}

export type Answer = 'ok' | 'refused' | 'wrong-password';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// postmaster.pid: line 1 the pid, line 4 the port (PostgreSQL's own record of a running server).
export function runningPostmaster(pgData: string): RunningPostmaster | null {
  const file = join(pgData, 'postmaster.pid');
  if (!existsSync(file)) {
    return null;
  }
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? { pid, port } : null;
}

export async function probe(port: number, password: string): Promise<Answer> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    database: 'postgres',
    connectionTimeoutMillis: 2_000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code === '28P01' ? 'wrong-password' : 'refused';
  } finally {
    await client.end().catch(() => undefined);
  }
}

function lastLogLines(logFile: string): string {
  try {
    const text = readFileSync(logFile, 'utf8').slice(-4000);
    const lines = text.split('\n').filter((l) => /FATAL|ERROR|PANIC|could not/i.test(l));
    return (lines.at(-1) ?? text.trim().split('\n').at(-1) ?? '').trim();
  } catch {
    return '';
  }
}

function run(
  command: string,
  args: string[],
  user: PostgresUser,
  input?: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(user.ids ?? {}),
      env: postgresEnvironment(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
    child.stdin.end(input ?? '');
  });
}

// A new cluster: UTF-8 with PostgreSQL's built-in C.UTF-8 locale (no OS locale needed), the
// `postgres` superuser with a password, password (SCRAM) authentication only.
export async function initialiseCluster(
  binaries: PostgresBinaries,
  user: PostgresUser,
  location: ClusterLocation,
  password: string,
): Promise<void> {
  mkdirSync(location.pgData, { recursive: true, mode: 0o700 });
  handOver(user, location.pgData);
  const passwordFile = join(location.baseDir, `.pg-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  handOver(user, passwordFile);
  try {
    const result = await run(
      binaries.initdb,
      [
        `--pgdata=${location.pgData}`,
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
      ],
      user,
    );
    if (result.code !== 0) {
      const reason = result.output.split('\n').find((l) => /error|could not/i.test(l)) ?? '';
      throw new Error(reason.trim() || `initdb exited with ${result.code}`);
    }
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `Could not create the database cluster in ${location.pgData}: ${describeError(error)}`,
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

// The password of a cluster whose state file was lost, set again in single-user mode (no network,
// no authentication): the data stays.
export async function resetSuperuserPassword(
  binaries: PostgresBinaries,
  user: PostgresUser,
  location: ClusterLocation,
  password: string,
): Promise<void> {
  const result = await run(
    binaries.postgres,
    ['--single', '-D', location.pgData, '-c', 'listen_addresses=', 'postgres'],
    user,
    `ALTER ROLE postgres WITH PASSWORD '${password.replace(/'/g, "''")}';\n`,
  ).catch((error: unknown) => ({ code: -1, output: describeError(error) }));
  if (result.code !== 0) {
    throw new EmbeddedDatabaseError(
      `The database cluster in ${location.pgData} has no known password and resetting it failed: ${result.output.trim().split('\n').at(-1) ?? ''}`,
    );
  }
}

// The log file is ours (root's, when root): created here and handed to the server account, which
// appends to it through pg_ctl.
function prepareLog(user: PostgresUser, logFile: string): void {
  try {
    if (statSync(logFile).size > LOG_ROTATE_BYTES) {
      renameSync(logFile, `${logFile}.1`);
    }
  } catch {
    // no log yet
  }
  mkdirSync(dirname(logFile), { recursive: true });
  if (!existsSync(logFile)) {
    writeFileSync(logFile, '', { mode: 0o600 });
  }
  handOver(user, logFile);
}

// pg_ctl starts the server detached from us (its own session, parent init), so neither a Ctrl+C in
// the terminal nor a tool that kills our process tree (nest start --watch restarting) stops the
// database under the application: the application stops it, last, itself.
export async function startPostmaster(
  binaries: PostgresBinaries,
  user: PostgresUser,
  location: ClusterLocation,
  port: number,
  password: string,
): Promise<RunningPostmaster> {
  prepareLog(user, location.logFile);
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    '-c max_connections=200',
  ].join(' ');
  const result = await run(
    binaries.pgCtl,
    ['start', '-D', location.pgData, '-l', location.logFile, '-w', '-t', '60', '-s', '-o', options],
    user,
  ).catch((error: unknown) => ({ code: -1, output: describeError(error) }));
  const running = runningPostmaster(location.pgData);
  if (result.code !== 0 || !running) {
    const why = lastLogLines(location.logFile) || result.output.trim().split('\n').at(-1) || '';
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL (cluster ${location.pgData}, port ${port}) did not start: ${why || 'see ' + location.logFile}`,
    );
  }
  for (let waited = 0; waited < 10_000; waited += 100) {
    if ((await probe(port, password)) !== 'refused') {
      return running;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new EmbeddedDatabaseError(
    `The embedded PostgreSQL (cluster ${location.pgData}) did not accept connections on port ${port}; see ${location.logFile}`,
  );
}

// Fast shutdown (SIGINT: sessions end, a checkpoint is written), then waits for the postmaster to
// exit; an immediate shutdown (SIGQUIT) only if it has not within 30 s.
export async function stopPostmaster(pid: number): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGINT');
  for (let waited = 0; isAlive(pid); waited += 50) {
    if (waited === 30_000) {
      signal('SIGQUIT');
    }
    if (waited > 40_000) {
      throw new EmbeddedDatabaseError(`The embedded PostgreSQL (pid ${pid}) did not stop`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
