import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

type Env = Record<string, string | undefined>;

const SECRET_NAMES = [
  'JWT_SECRET',
  'PII_ENCRYPTION_KEYS',
  'BLIND_INDEX_KEY',
  'TURN_SECRET',
] as const;
const REQUIRED_IN_PRODUCTION = ['JWT_SECRET', 'PII_ENCRYPTION_KEYS', 'BLIND_INDEX_KEY'] as const;
// Values shipped in .env.example and docs; a production deployment that kept them is refused.
const EXAMPLE_MARKERS = ['change-me', 'changeme', 'example', 'dev-only'];

function generate(name: (typeof SECRET_NAMES)[number]): string {
  switch (name) {
    case 'PII_ENCRYPTION_KEYS':
      return `k1:${randomBytes(32).toString('base64')}`;
    case 'JWT_SECRET':
    case 'BLIND_INDEX_KEY':
    case 'TURN_SECRET':
      return randomBytes(48).toString('base64url');
  }
}

// Outside production, missing secrets are generated once and kept under DATA_DIR so that restarts
// keep sessions valid and encrypted data readable. In production they must be supplied.
export function ensureSecrets(env: Env): void {
  if (env.NODE_ENV === 'production') {
    const problems: string[] = [];
    for (const name of REQUIRED_IN_PRODUCTION) {
      const value = env[name];
      if (!value) {
        problems.push(`${name} is required when NODE_ENV=production`);
      } else if (EXAMPLE_MARKERS.some((m) => value.toLowerCase().includes(m))) {
        problems.push(`${name} still holds an example value; generate a real secret`);
      }
    }
    if (problems.length > 0) {
      throw new Error(`Invalid configuration: ${problems.join('; ')}`);
    }
    return;
  }
  const missing = SECRET_NAMES.filter((name) => !env[name]);
  if (missing.length === 0) {
    return;
  }
  const dir = resolve(env.DATA_DIR ?? './data');
  const file = join(dir, 'secrets.json');
  let stored: Partial<Record<string, string>> = {};
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  }
  let changed = false;
  for (const name of missing) {
    if (!stored[name]) {
      stored[name] = generate(name);
      changed = true;
    }
    env[name] = stored[name];
  }
  if (changed) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
}
