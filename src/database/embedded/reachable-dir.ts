import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

// mkdir -p where every folder it creates is enterable and readable by other accounts (0755
// whatever the umask), so the postgres OS account can reach what lies below.
export function makeReachableDir(dir: string): void {
  if (existsSync(dir)) {
    return;
  }
  makeReachableDir(dirname(dir));
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return; // another process made it first
    }
    throw error;
  }
  chmodSync(dir, 0o755);
}
