import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// TypeORM's own glob loading goes through dynamic import(), which Jest's module system does not
// intercept. Requiring the files ourselves works the same from dist/ (compiled .js) and under
// ts-jest (.ts), so entities and migrations are discovered by file name in both.
function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      walk(full, out);
    } else {
      out.push(full);
    }
  }
  return out;
}

const CODE_FILE = /\.(ts|js)$/;

export function loadClasses(dir: string, suffix: RegExp): (new (...args: never[]) => unknown)[] {
  if (!existsSync(dir)) {
    return [];
  }
  const files = walk(dir, [])
    .filter((f) => CODE_FILE.test(f) && !f.endsWith('.d.ts') && suffix.test(f))
    .sort();
  const classes: (new (...args: never[]) => unknown)[] = [];
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(file) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      if (typeof value === 'function') {
        classes.push(value as new (...args: never[]) => unknown);
      }
    }
  }
  return classes;
}
