import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

// Process and load helpers shared by the benchmark runners.
export const root = join(__dirname, '..', '..');

// Starts a compiled entry point (dist/<script>); stdout goes to `logFile` when given.
export function start(
  script: string,
  env: Record<string, string>,
  options: { logFile?: string; nodeArgs?: string[] } = {},
): ChildProcess {
  const stdout = options.logFile ? openSync(options.logFile, 'w') : 'ignore';
  return spawn(process.execPath, [...(options.nodeArgs ?? []), join(root, 'dist', script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, 'inherit'],
  });
}

export async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(url);
      if (res.status < 500) {
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

export function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error: unknown, result) =>
      error
        ? reject(error instanceof Error ? error : new Error('autocannon failed'))
        : resolve(result),
    );
  });
}

// The one-minute load average, to print beside each figure (other work shares the cores).
// CPU seconds (user + system) a process has used so far, from /proc (Linux clock ticks of 10 ms).
// Per request, it is the measure a busy machine disturbs least: a process that gets half the
// cores serves half the requests but spends about the same CPU on each.
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function load(): string {
  return loadavg()[0].toFixed(1);
}

export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
    } else {
      child.once('exit', () => resolve());
    }
  });
}
