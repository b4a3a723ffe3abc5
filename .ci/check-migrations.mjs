#!/usr/bin/env node
// Landed migrations are immutable: a database records a migration as done by name and never runs
// it again, so an edit after landing reaches only databases created later (#13.16). This walks
// the history of every file ever added under migrations/ and fails when a commit after the one
// that added it modified, renamed or deleted it — and when the working tree has such a change.
// A schema change is a new migration file.
//
// Usage: node .ci/check-migrations.mjs [repository folder]   (default: the current folder)
import { execFileSync } from 'node:child_process';

// Changes made before this check existed. The PipelineCounters edits reached databases built from
// main and are repaired by a catch-up migration. The two renames came in the same fast-forward of
// main as the commits that added those files (362120d → 69da8a7), so no main tip ever had the old
// names and no database ran them under those names.
const KNOWN_EDITS = new Map([
  [
    '1527e1bc09d24b9ab95dc3c72ecde46875cb8e50 migrations/1795443598885-PipelineCounters.ts',
    'stay indexes gained INCLUDE (applied_at); see 1796553922852-PipelineCounterIndexesCatchUp',
  ],
  [
    '3be0a4762db11ebb617c7b9a86574c7481cd5f0d migrations/1795443598885-PipelineCounters.ts',
    'ix_pipeline_counters_job_metric added; see 1796553922852-PipelineCounterIndexesCatchUp',
  ],
  [
    'a50ca0b0be97d175c764ece44f7d2ac5fc5959d0 migrations/1795530000000-PracticeInProgress.ts',
    'renamed to 1796555300000-PracticeInProgress before any main tip held it',
  ],
  [
    'a50ca0b0be97d175c764ece44f7d2ac5fc5959d0 migrations/1795530100000-EncryptFreeTextColumns.ts',
    'renamed to 1796555300100-EncryptFreeTextColumns before any main tip held it',
  ],
]);

const repo = process.argv[2] ?? process.cwd();
const git = (...args) =>
  execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

function fail(message) {
  console.error(`check-migrations: ${message}`);
  process.exit(1);
}

try {
  git('rev-parse', '--git-dir');
} catch {
  fail(`${repo} is not a git checkout; the migration history cannot be checked`);
}
if (git('rev-parse', '--is-shallow-repository').trim() === 'true') {
  fail('the clone is shallow; fetch the full history (git fetch --unshallow) to check migrations');
}

// Oldest first, one block per commit: "@<sha>" then "<status>\t<path>[\t<new path>]" lines.
// --no-renames reports a rename as a deletion plus an addition, so both are seen.
const log = git(
  'log',
  '--reverse',
  '--topo-order',
  '--no-renames',
  '--format=@%H',
  '--name-status',
  '--',
  'migrations/',
);

const landed = new Map(); // path -> commit that added it
const violations = [];
let commit = '';
for (const line of log.split('\n')) {
  if (line.startsWith('@')) {
    commit = line.slice(1);
    continue;
  }
  const [status, path] = line.split('\t');
  if (!status || !path) {
    continue;
  }
  if (status === 'A' && !landed.has(path)) {
    landed.set(path, commit);
    continue;
  }
  if (!landed.has(path) || KNOWN_EDITS.has(`${commit} ${path}`)) {
    continue;
  }
  const what = { M: 'modified', D: 'deleted', A: 'added again', T: 'changed type' }[status[0]];
  violations.push(
    `${path} (landed in ${landed.get(path).slice(0, 7)}) was ${what ?? status} by ${commit.slice(0, 7)}`,
  );
}

// Uncommitted changes to a landed migration count too (a local run before committing).
for (const line of git('status', '--porcelain', '--no-renames', '--', 'migrations/').split('\n')) {
  const path = line.slice(3);
  if (path && landed.has(path) && line.slice(0, 2).trim() !== '') {
    violations.push(`${path} has uncommitted changes (${line.slice(0, 2).trim()})`);
  }
}

if (violations.length > 0) {
  console.error('Landed migrations are immutable; put schema changes in a new migration file:');
  for (const v of violations) {
    console.error(`  ${v}`);
  }
  process.exit(1);
}
console.log(
  `check-migrations: ${landed.size} landed migrations unchanged since they landed (${KNOWN_EDITS.size} known earlier edits listed in .ci/check-migrations.mjs)`,
);
