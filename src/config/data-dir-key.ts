import { createHash } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';

// A stable, readable folder name for one DATA_DIR: its last two path segments and a hash of its
// absolute path, so the same DATA_DIR always finds the same secrets and the same relocated cluster.
export function dataDirKey(dataDir: string): string {
  const absolute = resolve(dataDir);
  const readable = `${basename(dirname(absolute))}-${basename(absolute)}`
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 48);
  const digest = createHash('sha256').update(absolute).digest('hex').slice(0, 12);
  return `${readable}-${digest}`;
}
