import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, chownSync, constants } from 'node:fs';
import { userInfo } from 'node:os';
import { Logger } from '@nestjs/common';
import { EmbeddedDatabaseError, describeError } from './embedded-database.error';

// The OS account the PostgreSQL processes run as. PostgreSQL refuses to run as root, so a root
// process runs it as the `postgres` account (created when missing); anyone else runs it as
// themselves.
export interface PostgresUser {
  name: string;
  // Set only when the account differs from ours (we are root).
  ids: { uid: number; gid: number } | null;
}

const logger = new Logger('EmbeddedPostgres');

function lookupIds(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: 'pipe' }));
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: 'pipe' }));
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

export function postgresUser(): PostgresUser {
  if (process.getuid?.() !== 0) {
    return { name: userInfo().username, ids: null };
  }
  let ids = lookupIds('postgres');
  if (!ids) {
    try {
      execFileSync(
        'useradd',
        [
          '--system',
          '--user-group',
          '--no-create-home',
          '--shell',
          '/usr/sbin/nologin',
          'postgres',
        ],
        { stdio: 'pipe' },
      );
    } catch (error) {
      throw new EmbeddedDatabaseError(
        `PostgreSQL cannot run as root and the "postgres" OS account could not be created (${describeError(error).split('\n')[0]}); create it (useradd --system postgres) or set DATABASE_URL`,
      );
    }
    logger.log(
      'Created the "postgres" OS account to run the embedded PostgreSQL (it refuses root)',
    );
    ids = lookupIds('postgres');
    if (!ids) {
      throw new EmbeddedDatabaseError('The "postgres" OS account was created but cannot be found');
    }
  }
  return { name: 'postgres', ids };
}

// The environment PostgreSQL programs get: none of ours (it holds secrets), English messages.
export function postgresEnvironment(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' };
}

// Whether the account can enter `dir` (search permission on it and on every folder above it).
// Checked by the kernel itself, as that account, so ACLs and groups count.
export function canEnter(user: PostgresUser, dir: string): boolean {
  if (!user.ids) {
    try {
      accessSync(dir, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }
  const probe = spawnSync('/bin/sh', ['-c', 'test -d "$1" && test -x "$1"', 'probe', dir], {
    uid: user.ids.uid,
    gid: user.ids.gid,
    env: postgresEnvironment(),
    stdio: 'ignore',
    timeout: 10_000,
  });
  return probe.status === 0;
}

// Gives a folder we created to the account (root only; a no-op otherwise).
export function handOver(user: PostgresUser, path: string): void {
  if (user.ids) {
    chownSync(path, user.ids.uid, user.ids.gid);
  }
}
