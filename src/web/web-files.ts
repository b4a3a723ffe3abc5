import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Where `npm run build` puts the pages' bundled scripts, styles, views and message catalogues
// (src/web/build-assets.mjs): <project>/dist/web, the same from the compiled code and from ts-jest.
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error('The candidate pages cannot find the project folder (package.json)');
    }
    dir = parent;
  }
  return dir;
}

export const WEB_DIR = join(projectRoot(), 'dist', 'web');

// Logical name (`interview.js`) → fingerprinted file name (`interview-3FJ2KQ7D.js`).
export type AssetManifest = Record<string, string>;

export function readManifest(): AssetManifest | null {
  const path = join(WEB_DIR, 'manifest.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as AssetManifest) : null;
}
