import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedDatabaseError } from './embedded-database.error';

const WAIT_MS = 90_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(lockDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

// One process at a time starts, adopts or stops the cluster of a DATA_DIR (mkdir is atomic). A
// lock whose holder has died is taken over; one without a pid yet is given a few seconds.
export async function withStartupLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const lockDir = join(dataDir, '.embedded-postgres.lock');
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
    const holder = holderOf(lockDir);
    let abandoned = holder !== null && !isAlive(holder);
    if (holder === null) {
      try {
        abandoned = Date.now() - statSync(lockDir).mtimeMs > 5_000;
      } catch {
        continue; // released meanwhile
      }
    }
    if (abandoned) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new EmbeddedDatabaseError(
        `Another process (pid ${holder ?? 'unknown'}) has been starting or stopping the embedded PostgreSQL of ${dataDir} for over ${WAIT_MS / 1000} s; try again when it has finished`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
