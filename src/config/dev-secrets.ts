import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { dataDirKey } from './data-dir-key';

type Env = Record<string, string | undefined>;
type StoredSecrets = Partial<Record<string, string>>;

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

function dataDirOf(env: Env): string {
  return resolve(env.DATA_DIR ?? './data');
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

// Where generated development secrets live: SECRETS_FILE, else the per-user configuration folder
// ($XDG_CONFIG_HOME, default ~/.config) under panelist/<DATA_DIR key>/ — never inside DATA_DIR,
// so a copy or backup of the data does not carry the keys that decrypt it.
export function secretsFileFor(env: Env): string {
  if (env.SECRETS_FILE) {
    return resolve(env.SECRETS_FILE);
  }
  const configHome = env.XDG_CONFIG_HOME
    ? resolve(env.XDG_CONFIG_HOME)
    : join(homedir(), '.config');
  return join(configHome, 'panelist', dataDirKey(dataDirOf(env)), 'secrets.json');
}

function readSecrets(file: string): StoredSecrets {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  } catch (error) {
    throw new Error(
      `Invalid configuration: cannot read the secrets file ${file} (${(error as Error).message.split('\n')[0]}); it holds the keys of encrypted data, restore it rather than delete it`,
    );
  }
}

// Written next to its final name, flushed, then renamed: a crash leaves the old or the new file,
// never half of one.
function writeSecretsAtomically(file: string, secrets: StoredSecrets): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const staging = join(dir, `.secrets.${process.pid}.tmp`);
  const fd = openSync(staging, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(secrets, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(staging, 0o600);
  renameSync(staging, file);
}

function sameSecrets(a: StoredSecrets, b: StoredSecrets): boolean {
  return Object.keys(a).every((name) => a[name] === b[name]);
}

// Earlier releases kept the generated keys in DATA_DIR/secrets.json. Move them out without ever
// losing them: copy, read back, compare, and only then remove the old file. Two different files
// stop the start-up: only the operator knows which one decrypts the data.
function moveLegacySecrets(legacy: string, file: string): void {
  if (legacy === file || !existsSync(legacy)) {
    return;
  }
  const old = readSecrets(legacy);
  if (existsSync(file)) {
    if (!sameSecrets(old, readSecrets(file))) {
      throw new Error(
        `Invalid configuration: ${legacy} and ${file} hold different secrets; keep the one whose keys decrypt your data (move it to ${file}) and remove the other`,
      );
    }
  } else {
    writeSecretsAtomically(file, old);
    if (!sameSecrets(old, readSecrets(file))) {
      throw new Error(
        `Invalid configuration: copying ${legacy} to ${file} did not read back equal`,
      );
    }
  }
  unlinkSync(legacy);
  process.stderr.write(
    `Moved the development secrets from ${legacy} to ${file} (keys are kept outside DATA_DIR)\n`,
  );
}

function checkProductionSecrets(env: Env): void {
  const problems: string[] = [];
  for (const name of REQUIRED_IN_PRODUCTION) {
    const value = env[name];
    if (!value) {
      problems.push(`${name} is required when NODE_ENV=production`);
    } else if (EXAMPLE_MARKERS.some((m) => value.toLowerCase().includes(m))) {
      problems.push(`${name} still holds an example value; generate a real secret`);
    }
  }
  const dataDir = dataDirOf(env);
  if (env.SECRETS_FILE && isInside(resolve(env.SECRETS_FILE), dataDir)) {
    problems.push(
      `SECRETS_FILE ${resolve(env.SECRETS_FILE)} lies inside DATA_DIR ${dataDir}; keys must not sit next to the data they protect`,
    );
  }
  const legacy = join(dataDir, 'secrets.json');
  if (existsSync(legacy)) {
    problems.push(
      `${legacy} holds encryption keys next to the data they protect; move its values into the environment and the file out of DATA_DIR`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
}

// In production the secrets come from the environment. Elsewhere missing ones are generated once
// and kept in the secrets file (see secretsFileFor) so restarts keep sessions valid and encrypted
// data readable. Returns the secrets file in use, or null when the environment supplied all.
export function ensureSecrets(env: Env): string | null {
  if (env.NODE_ENV === 'production') {
    checkProductionSecrets(env);
    return null;
  }
  if (env.STORAGE_DRIVER === 's3') {
    // Instances that share nothing but PostgreSQL and S3 cannot each generate their own keys:
    // the secrets come from the configuration, never from a file on one machine.
    const absent = REQUIRED_IN_PRODUCTION.filter((name) => !env[name]);
    if (absent.length > 0) {
      throw new Error(
        `Invalid configuration: ${absent.join(', ')} must be set when STORAGE_DRIVER=s3 (every instance needs the same keys)`,
      );
    }
    return null;
  }
  const missing = SECRET_NAMES.filter((name) => !env[name]);
  if (missing.length === 0) {
    return null;
  }
  const file = secretsFileFor(env);
  moveLegacySecrets(join(dataDirOf(env), 'secrets.json'), file);
  const stored = existsSync(file) ? readSecrets(file) : {};
  let changed = false;
  for (const name of missing) {
    if (!stored[name]) {
      stored[name] = generate(name);
      changed = true;
    }
    env[name] = stored[name];
  }
  if (changed) {
    try {
      writeSecretsAtomically(file, stored);
    } catch (error) {
      throw new Error(
        `Invalid configuration: cannot write the development secrets to ${file} (${(error as Error).message}); set SECRETS_FILE to a writable path outside DATA_DIR`,
      );
    }
  }
  return file;
}
