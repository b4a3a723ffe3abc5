import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { dataDirKey } from '../../config/data-dir-key';
import { EmbeddedDatabaseError, describeError } from './embedded-database.error';
import { makeReachableDir } from './reachable-dir';
import { PostgresUser, canEnter } from './postgres-user';

// Where one DATA_DIR's cluster lives: `<baseDir>/pg` (the cluster), `<baseDir>/postgres.log`,
// `<baseDir>/embedded-postgres.json` (port and password). baseDir is DATA_DIR itself unless the
// postgres OS account cannot enter it.
export interface ClusterLocation {
  baseDir: string;
  pgData: string;
  stateFile: string;
  logFile: string;
  // Why the cluster is not under DATA_DIR; null when it is.
  relocatedBecause: string | null;
}

const logger = new Logger('EmbeddedPostgres');

function locationAt(baseDir: string, relocatedBecause: string | null): ClusterLocation {
  return {
    baseDir,
    pgData: join(baseDir, 'pg'),
    stateFile: join(baseDir, 'embedded-postgres.json'),
    logFile: join(baseDir, 'postgres.log'),
    relocatedBecause,
  };
}

function firstBlockedFolder(user: PostgresUser, dir: string): string {
  const chain: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    chain.unshift(d);
    if (dirname(d) === d) {
      break;
    }
  }
  return chain.find((d) => !canEnter(user, d)) ?? dir;
}

function hasCluster(dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION'));
}

function postmasterAlive(pgData: string): number | null {
  const pidFile = join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return null;
  }
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

function moveFolder(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') {
      throw error;
    }
    // Another file system: copy with owners and modes, then remove the original.
    const copy = spawnSync('cp', ['-a', from, to], { stdio: 'pipe', encoding: 'utf8' });
    if (copy.status !== 0) {
      rmSync(to, { recursive: true, force: true });
      throw new Error(`cp -a failed: ${(copy.stderr || '').trim()}`);
    }
    rmSync(from, { recursive: true, force: true });
  }
}

// Earlier releases kept a cluster they could not place under DATA_DIR in the OS temp folder
// (which systems clean). Name as they computed it.
function legacyTempCluster(dataDir: string): string {
  const key = createHash('sha256').update(join(dataDir, 'pg')).digest('hex').slice(0, 16);
  return join(tmpdir(), `panelist-pg-${key}`);
}

// A cluster found elsewhere for this DATA_DIR (the OS temp folder, or DATA_DIR/pg when the
// cluster now has to live outside it) is moved to the chosen place, never left behind or
// replaced by an empty one.
function adoptEarlierCluster(dataDir: string, location: ClusterLocation): void {
  if (hasCluster(location.pgData)) {
    return;
  }
  const inDataDir = join(dataDir, 'pg');
  const candidates = [legacyTempCluster(dataDir)];
  if (
    location.baseDir !== dataDir &&
    existsSync(inDataDir) &&
    !lstatSync(inDataDir).isSymbolicLink()
  ) {
    candidates.push(inDataDir);
  }
  const found = candidates.find(hasCluster);
  if (!found) {
    return;
  }
  const running = postmasterAlive(found);
  if (running) {
    throw new EmbeddedDatabaseError(
      `This DATA_DIR's database is still running from ${found} (postgres pid ${running}, started by an earlier release); stop that Panelist process first so the cluster can move to ${location.pgData}`,
    );
  }
  try {
    makeReachableDir(location.baseDir);
    moveFolder(found, location.pgData);
    const oldState = join(dataDir, 'embedded-postgres.json');
    if (!existsSync(location.stateFile) && existsSync(oldState)) {
      copyFileSync(oldState, location.stateFile);
    }
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `Could not move the existing database cluster from ${found} to ${location.pgData} (${describeError(error)}); it is untouched, move it by hand or set DATABASE_URL`,
    );
  }
  logger.warn(`Moved this DATA_DIR's database cluster from ${found} to ${location.pgData}`);
}

// DATA_DIR/pg points at a relocated cluster, so whoever looks in DATA_DIR finds it.
function linkFromDataDir(dataDir: string, location: ClusterLocation): void {
  const link = join(dataDir, 'pg');
  try {
    lstatSync(link);
  } catch {
    try {
      symlinkSync(location.pgData, link);
    } catch {
      // Only a pointer for people; the state file records the real place.
    }
  }
}

export function resolveClusterLocation(
  dataDir: string,
  user: PostgresUser,
  fallbackRoot: string,
): ClusterLocation {
  const absolute = resolve(dataDir);
  try {
    makeReachableDir(absolute);
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `Cannot create DATA_DIR ${absolute} (${describeError(error)}); set DATA_DIR to a writable folder`,
    );
  }
  let location = locationAt(absolute, null);
  if (user.ids && !canEnter(user, absolute)) {
    const blocked = firstBlockedFolder(user, absolute);
    const fallback = join(resolve(fallbackRoot), 'clusters', dataDirKey(absolute));
    location = locationAt(
      fallback,
      `the "${user.name}" OS account that runs PostgreSQL cannot enter ${blocked}`,
    );
    try {
      makeReachableDir(fallback);
    } catch (error) {
      throw new EmbeddedDatabaseError(
        `DATA_DIR ${absolute} is out of reach of the "${user.name}" OS account (${blocked} is closed to it) and ${fallback} cannot be created (${describeError(error)}); set EMBEDDED_DB_FALLBACK_DIR, DATA_DIR or DATABASE_URL`,
      );
    }
    if (!canEnter(user, fallback)) {
      throw new EmbeddedDatabaseError(
        `Neither DATA_DIR ${absolute} nor ${fallback} can be entered by the "${user.name}" OS account that runs PostgreSQL; set EMBEDDED_DB_FALLBACK_DIR to a folder it can reach, or set DATABASE_URL`,
      );
    }
  }
  adoptEarlierCluster(absolute, location);
  if (location.relocatedBecause) {
    linkFromDataDir(absolute, location);
  }
  return location;
}
