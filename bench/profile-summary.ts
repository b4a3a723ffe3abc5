import { readFileSync } from 'node:fs';

// Summarises a V8 CPU profile (node --cpu-prof, BENCH_PROFILE in hot-path.ts) by where the time
// is spent: self time grouped by package (node_modules/<name>) or by src/<folder>, largest first.
// Time in Node's own code and in native functions counts for the nearest caller that is a
// package or our code (a socket write started by pino counts for pino). Idle time is left out.
// Usage: node dist/bench/profile-summary.js <file.cpuprofile> [top]
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function groupOf(url: string, name: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) {
    return pkg[1];
  }
  const own = /\/dist\/(src|bench)\/([^/]+)/.exec(url);
  if (own) {
    return `${own[1]}/${own[2]}`;
  }
  if (url.startsWith('node:')) {
    return url;
  }
  return name.startsWith('(') ? name : url ? 'other' : `native ${name || '(anonymous)'}`;
}

const [file, topArg] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) {
  for (const child of node.children ?? []) {
    parent.set(child, node.id);
  }
}
const isOwner = (key: string) => !key.startsWith('node:') && !key.startsWith('native ');
function ownerOf(id: number): string {
  const first = byId.get(id)!;
  const own = groupOf(first.callFrame.url, first.callFrame.functionName);
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)!.callFrame;
    const key = groupOf(frame.url, frame.functionName);
    if (isOwner(key) && key !== 'other') {
      return key;
    }
  }
  return own;
}
const groups = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const key = ownerOf(id);
  if (key === '(idle)') {
    return;
  }
  groups.set(key, (groups.get(key) ?? 0) + dt);
  total += dt;
});
const rows = [...groups.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25));
process.stdout.write('| where | self time | share |\n|---|---|---|\n');
for (const [key, us] of rows) {
  process.stdout.write(
    `| ${key} | ${(us / 1000).toFixed(0)} ms | ${((100 * us) / total).toFixed(1)} % |\n`,
  );
}
