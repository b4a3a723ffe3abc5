#!/usr/bin/env node
// The data-ownership rules of docs/architecture.md that dependency-cruiser cannot see, because they
// live inside files rather than between them:
//   1. `DataSource` is named only in src/database/ and in repository files (`*.repository.ts`);
//   2. no `…Aad` helper outside src/crypto/ (associated data comes from the encrypted-column
//      metadata, in one place);
//   3. no file of one module names another module's table in SQL. A table belongs to the module
//      whose `entities/` declares it, or to the module named in TABLES_WITHOUT_ENTITY below.
// Usage: node scripts/check-data-ownership.mjs [--json]. Exit code 1 when anything is found.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const SRC = join(ROOT, 'src');

// Tables that no entity declares, with the module whose migrations and code own them.
const TABLES_WITHOUT_ENTITY = {
  rate_limit_buckets: 'throttling',
  upload_quota_windows: 'throttling',
  schema_migrations: 'database',
};

// Folders that may name any table: the database layer (migrator, embedded launcher). The
// read-model module (reporting/) reads views that the owning modules publish, never their tables.
const MAY_NAME_ANY_TABLE = new Set(['database']);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const files = walk(SRC).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
const moduleOf = (file) => relative(SRC, file).split(sep)[0];

const owners = new Map(Object.entries(TABLES_WITHOUT_ENTITY));
for (const file of files) {
  if (!file.includes(`${sep}entities${sep}`)) continue;
  for (const match of readFileSync(file, 'utf8').matchAll(
    /@(?:Entity|ViewEntity)\(\s*\{\s*name:\s*'([a-z0-9_]+)'/g,
  )) {
    owners.set(match[1], moduleOf(file));
  }
}

// Only SQL text is looked at: string and template literals holding a statement keyword.
const LITERAL = /(`(?:\\.|[^`\\])*`|'(?:\\.|[^'\\\n])*')/g;
const SQL_HINT = /\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN)\b/;
const TABLE_REF = /\b(?:FROM|JOIN|UPDATE|INTO|TABLE|EXISTS)\s+([a-z_][a-z0-9_]*)/gi;

const findings = { dataSource: [], aadHelpers: [], foreignTables: [] };
for (const file of files) {
  const rel = relative(ROOT, file);
  const module = moduleOf(file);
  const text = readFileSync(file, 'utf8');
  if (module !== 'database' && !file.endsWith('.repository.ts') && /\bDataSource\b/.test(text)) {
    findings.dataSource.push(rel);
  }
  if (module !== 'crypto') {
    for (const match of text.matchAll(/\b(?:function|const)\s+([a-zA-Z]*Aad)\b/g)) {
      findings.aadHelpers.push(`${rel}: ${match[1]}`);
    }
  }
  if (MAY_NAME_ANY_TABLE.has(module)) continue;
  const seen = new Set();
  for (const [literal] of text.matchAll(LITERAL)) {
    if (!SQL_HINT.test(literal)) continue;
    for (const ref of literal.matchAll(TABLE_REF)) {
      const table = ref[1].toLowerCase();
      const owner = owners.get(table);
      if (owner && owner !== module && !seen.has(table)) {
        seen.add(table);
        findings.foreignTables.push(`${rel}: ${table} (owned by ${owner})`);
      }
    }
  }
}

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
} else {
  const sections = [
    ['DataSource outside src/database/ and *.repository.ts', findings.dataSource],
    ['*Aad helpers outside src/crypto/', findings.aadHelpers],
    ["SQL naming another module's table", findings.foreignTables],
  ];
  for (const [title, list] of sections) {
    process.stdout.write(`${title}: ${list.length}\n${list.map((l) => `  ${l}\n`).join('')}`);
  }
}
const total = Object.values(findings).reduce((n, list) => n + list.length, 0);
process.exit(total === 0 ? 0 : 1);
