import { readFileSync } from 'node:fs';

// Summarises `perf script` output of a Node process by the first JavaScript frame of each sample:
// time in V8's builtins, the kernel or Node's C++ counts for the JavaScript function that led
// there (a socket write's kernel work counts for Socket._writeGeneric, a Buffer.byteLength for
// its caller's byteLength frame). The V8 sampling profiler can misplace time spent in system
// calls on a virtual machine; perf does not (bench/RESULTS.md, session 5).
//
//   node --perf-basic-prof --interpreted-frames-native-stack dist/src/main.js   # under load:
//   perf record -g -p <pid> -- sleep 5
//   perf script -F comm,tid,ip,sym > /tmp/stacks.txt
//   node dist/bench/perf-frames.js /tmp/stacks.txt [top]
const JS_FRAME = /^JS:[*~+^]?'?(.*?)(?:\s+\(\/tmp\/perf-\d+\.map\))?$/;

function sourceOf(frame: string): string {
  const own = /\/dist\/(src|bench)\/([^ :]+)/.exec(frame);
  if (own) {
    return `${own[1]}/${own[2]}`;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame);
  if (pkg) {
    return pkg[1];
  }
  return /node:[a-z_/]+/.exec(frame)?.[0] ?? 'other';
}

function tally(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 30);
const bySource = new Map<string, number>();
const byFunction = new Map<string, number>();
let samples = 0;
for (const sample of readFileSync(file, 'utf8').split(/\n\s*\n/)) {
  // The first line names the thread; the rest are frames, innermost first: "<address> <symbol>".
  const frames = sample
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.trim().replace(/^[0-9a-f]+\s+/, ''));
  if (frames.length === 0) {
    continue;
  }
  samples++;
  const js = frames.map((f) => JS_FRAME.exec(f)).find((m) => m !== null);
  if (!js) {
    tally(bySource, '(no JavaScript frame)');
    tally(byFunction, `(native) ${frames[0].slice(0, 60)}`);
    continue;
  }
  tally(bySource, sourceOf(js[1]));
  tally(byFunction, js[1].replace('file://', '').slice(0, 100));
}

function table(title: string, counts: Map<string, number>): string {
  const rows = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, n]) => `| ${key} | ${((100 * n) / samples).toFixed(1)} % |`);
  return [`| ${title} | share of samples |`, '|---|---|', ...rows].join('\n');
}

process.stdout.write(
  `${samples} samples\n\n${table('source', bySource)}\n\n${table('function', byFunction)}\n`,
);
