import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { knownSettingNames } from './env.validation';

const ROOT = join(__dirname, '..', '..');
// Read by the code but not settings of Panelist: handed on to the PostgreSQL programs as they are.
const OPERATING_SYSTEM_VARIABLES = new Set(['PATH']);

// process.env read outside src/config, each for a reason: the child environment of the PostgreSQL
// programs (PATH only), the log level of the logger that exists before the configuration does, and
// the HTTP server limits main.ts needs before the application context is created.
const PROCESS_ENV_OUTSIDE_CONFIG = new Set([
  'src/app.setup.ts',
  'src/common/logging/root-logger.ts',
  'src/database/embedded/postgres-user.ts',
]);

const NAME = '([A-Z][A-Z0-9_]*)';
const QUOTE = '[\'"`]';
// Every way the code reads a variable by name: `process.env.X`, `env.X`, `env['X']`, a helper
// called with the environment or the ConfigService first (`intFrom(env, 'X', …)`,
// `integer(config, 'X', …)`), and `config.get('X')` (an upper-case key is a raw variable name).
const READS = [
  new RegExp(`\\benv\\??\\.${NAME}\\b`, 'g'),
  new RegExp(`\\benv\\[\\s*${QUOTE}${NAME}${QUOTE}\\s*\\]`, 'g'),
  new RegExp(
    `\\(\\s*(?:process\\.env|env|(?:this\\.)?config(?:Service)?)\\s*,\\s*${QUOTE}${NAME}${QUOTE}`,
    'g',
  ),
  new RegExp(`\\.get(?:OrThrow)?\\s*(?:<[^>()]*>)?\\s*\\(\\s*${QUOTE}${NAME}${QUOTE}`, 'g'),
];
// A computed name cannot be checked: `process.env[name]` is not allowed in the code.
const COMPUTED = /process\.env\[\s*(?![\s'"`])/;

function variablesReadIn(source: string): string[] {
  const names = new Set<string>();
  for (const pattern of READS) {
    for (const match of source.matchAll(pattern)) {
      names.add(match[1]);
    }
  }
  return [...names];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(path);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function documentedInEnvExample(): Set<string> {
  const text = readFileSync(join(ROOT, '.env.example'), 'utf8');
  return new Set([...text.matchAll(/^#?\s?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
}

// #14.8: settings were read straight from process.env without validation and without an entry
// in .env.example. Every variable the code reads must be validated at start-up
// (src/config/env.validation.ts) and described in .env.example.
describe('environment settings are complete', () => {
  const files = sourceFiles(join(ROOT, 'src'));
  const reads = new Map<string, string[]>();
  for (const file of files) {
    for (const name of variablesReadIn(readFileSync(file, 'utf8'))) {
      reads.set(name, [...(reads.get(name) ?? []), relative(ROOT, file)]);
    }
  }
  const validated = new Set(knownSettingNames());
  const documented = documentedInEnvExample();

  it('finds reads in every form the code uses', () => {
    expect(
      variablesReadIn(`
        const a = process.env.ALPHA_ONE;
        const b = env.BETA ?? env?.GAMMA;
        const c = env['DELTA'];
        intFrom(env, 'EPSILON', 1, 0, 2);
        integer(
          config,
          "ZETA",
          1,
        );
        this.config.get<string>('ETA');
        config.getOrThrow('THETA');
        config.get<AppSettings>('app');
      `).sort(),
    ).toEqual(['ALPHA_ONE', 'BETA', 'DELTA', 'EPSILON', 'ETA', 'GAMMA', 'THETA', 'ZETA']);
    // The real code: the media, transcription and webhook settings once read without validation.
    for (const name of ['TRANSCRIBE_MAX_BYTES', 'GEMINI_TRANSCRIBE_MODEL', 'WEBHOOK_RETRY_LIMIT']) {
      expect(reads.has(name)).toBe(true);
    }
  });

  it('validates every environment variable the code reads', () => {
    const unvalidated = [...reads.keys()]
      .filter((name) => !validated.has(name) && !OPERATING_SYSTEM_VARIABLES.has(name))
      .map((name) => `${name} (${reads.get(name)!.join(', ')})`);
    expect(unvalidated).toEqual([]);
  });

  it('describes every validated setting in .env.example', () => {
    expect([...validated].filter((name) => !documented.has(name))).toEqual([]);
  });

  it('reads process.env in src/config only (and where no configuration exists yet)', () => {
    const outside = files
      .map((file) => relative(ROOT, file))
      .filter((file) => !file.startsWith('src/config/') && !PROCESS_ENV_OUTSIDE_CONFIG.has(file))
      .filter((file) => /\bprocess\.env\b/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(outside).toEqual([]);
  });

  it('never reads a variable whose name is computed', () => {
    const computed = files.filter((file) => COMPUTED.test(readFileSync(file, 'utf8')));
    expect(computed.map((file) => relative(ROOT, file))).toEqual([]);
  });
});
