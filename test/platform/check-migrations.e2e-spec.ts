import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '..', '..', '.ci', 'check-migrations.mjs');
const ROOT = join(__dirname, '..', '..');

function check(repo: string): { code: number | null; output: string } {
  const result = spawnSync(process.execPath, [SCRIPT, repo], { encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

// #13.16: CI fails when a commit modifies, renames or deletes a migration after it landed.
describe('13.16 CI check: landed migrations are immutable', () => {
  let repo: string;
  const git = (...args: string[]) => {
    const result = spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    }
  };
  const commitAll = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '-m', message);
  };
  const file = (name: string) => join(repo, 'migrations', name);

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'panelist-migrations-'));
    git('init', '-q');
    git('config', 'user.email', 'ci@panelist.test');
    git('config', 'user.name', 'CI');
    mkdirSync(join(repo, 'migrations'));
    writeFileSync(file('1000000000000-First.ts'), 'export class First1000000000000 {}\n');
    commitAll('first migration');
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('13.16 passes when migrations are only added', () => {
    writeFileSync(file('1000000000001-Second.ts'), 'export class Second1000000000001 {}\n');
    commitAll('second migration');
    expect(check(repo)).toMatchObject({ code: 0 });
  });

  it('13.16 fails when a commit modifies a landed migration', () => {
    writeFileSync(file('1000000000000-First.ts'), 'export class First1000000000000 { x = 1; }\n');
    commitAll('edit the first migration');
    const result = check(repo);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/1000000000000-First\.ts \(landed in \w{7}\) was modified/);
  });

  it('13.16 fails when a commit renames or deletes a landed migration', () => {
    renameSync(file('1000000000000-First.ts'), file('1000000000002-Renamed.ts'));
    commitAll('rename');
    expect(check(repo).output).toMatch(/1000000000000-First\.ts .* was deleted/);
    unlinkSync(file('1000000000002-Renamed.ts'));
    commitAll('delete');
    expect(check(repo).output).toMatch(/1000000000002-Renamed\.ts .* was deleted/);
  });

  it('13.16 fails on an uncommitted edit of a landed migration', () => {
    writeFileSync(file('1000000000000-First.ts'), '// changed\n');
    const result = check(repo);
    expect(result.code).toBe(1);
    expect(result.output).toContain('has uncommitted changes');
  });

  it('13.16 the repository itself passes, with its known earlier edits listed', () => {
    const result = check(ROOT);
    expect(result.output).toMatch(/\d+ known earlier edits/);
    expect(result.code).toBe(0);
  });
});
