import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createTestApp, TestApp } from './support/test-app';

const ROOT = resolve(__dirname, '..');

function markdownFiles(): string[] {
  const docs = join(ROOT, 'docs');
  const inDocs = existsSync(docs)
    ? readdirSync(docs, { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.md'))
        .map((name) => join(docs, name))
    : [];
  return [join(ROOT, 'README.md'), ...inDocs];
}

// Headings as GitHub turns them into anchors: lower case, punctuation dropped, spaces to dashes.
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.+)$/gm)) {
    anchors.add(
      heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\- ]/gu, '')
        .replace(/ /g, '-'),
    );
  }
  return anchors;
}

// Inline links and link definitions, outside code blocks and code spans.
function linksOf(markdown: string): string[] {
  const text = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const definitions = [...text.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]);
  return [...inline, ...definitions];
}

function brokenLinks(file: string, root = ROOT): string[] {
  const markdown = readFileSync(file, 'utf8');
  const name = relative(root, file);
  const broken: string[] = [];
  if (markdown.includes('../shared')) {
    broken.push(`${name}: mentions ../shared, which is outside the repository`);
  }
  for (const link of linksOf(markdown)) {
    if (/^(https?:|mailto:)/i.test(link)) {
      continue;
    }
    const [path, anchor] = link.split('#') as [string, string | undefined];
    const target = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
    if (relative(root, target).startsWith('..')) {
      broken.push(`${name}: ${link} points outside the repository`);
    } else if (!existsSync(target)) {
      broken.push(`${name}: ${link} does not exist`);
    } else if (
      anchor &&
      target.endsWith('.md') &&
      !anchorsOf(readFileSync(target, 'utf8')).has(anchor)
    ) {
      broken.push(`${name}: ${link} has no such heading`);
    }
  }
  return broken;
}

describe('README and docs links', () => {
  it('resolve to files (and headings) inside the repository', () => {
    const files = markdownFiles();
    expect(files.map((f) => relative(ROOT, f))).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/api.md',
        'docs/architecture.md',
        'docs/operations.md',
      ]),
    );
    expect(files.flatMap((file) => brokenLinks(file))).toEqual([]);
  });

  it('find a broken link when there is one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'panelist-links-'));
    try {
      const file = join(dir, 'probe.md');
      writeFileSync(
        file,
        '# Probe\n[ok](probe.md#probe) [gone](missing.md) [out](../elsewhere.md) [anchor](#nowhere)\nSee ../shared/API.md\n',
      );
      expect(brokenLinks(file, dir).map((b) => b.split(': ').slice(1).join(': '))).toEqual([
        'mentions ../shared, which is outside the repository',
        'missing.md does not exist',
        '../elsewhere.md points outside the repository',
        '#nowhere has no such heading',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// The walkthrough's ```bash blocks, in order, run as one script against a fresh server: the
// commands a reader pastes are the ones CI has run.
const tools = ['bash', 'curl', 'jq'].every(hasTool);
(tools ? describe : describe.skip)(
  `docs/api.md walkthrough${tools ? '' : ' (skipped: needs bash, curl and jq on PATH)'}`,
  () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp();
    });

    afterAll(() => t.close());

    it('runs every bash example against a real server', async () => {
      const guide = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
      const blocks = [...guide.matchAll(/^```bash\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
      expect(blocks.length).toBeGreaterThan(10);
      const dir = mkdtempSync(join(tmpdir(), 'panelist-walkthrough-'));
      try {
        const script = join(dir, 'walkthrough.sh');
        writeFileSync(script, ['set -euo pipefail', ...blocks].join('\n'));
        const result = await new Promise<{ code: number; output: string }>((done) => {
          execFile(
            'bash',
            [script],
            {
              cwd: dir,
              timeout: 180_000,
              maxBuffer: 16 * 1024 * 1024,
              env: {
                PATH: process.env.PATH,
                HOME: dir,
                BASE: t.baseUrl,
                ADMIN_EMAIL: 'admin@panelist.test',
                ADMIN_PASSWORD: 'admin-password-for-tests',
              },
            },
            (error, stdout, stderr) =>
              done({
                code: error ? Number(error.code ?? 1) : 0,
                output: `${stdout}\n${stderr}`.slice(-4000),
              }),
          );
        });
        // On failure the message shows the script's last output.
        expect(`exit ${result.code}\n${result.output}`).toMatch(/^exit 0\n/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 240_000);
  },
);
