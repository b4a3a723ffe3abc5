import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LineSink, TurnBatchedDestination } from './turn-batched-destination';

function recordingSink(): LineSink & { writes: string[]; syncFlushes: number } {
  const sink = {
    writes: [] as string[],
    syncFlushes: 0,
    write(text: string) {
      sink.writes.push(text);
    },
    flushSync() {
      sink.syncFlushes++;
    },
  };
  return sink;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('TurnBatchedDestination', () => {
  const destination = (sink: LineSink) => new TurnBatchedDestination(sink);

  it('hands the lines of one turn to the sink as one write, in order', async () => {
    const sink = recordingSink();
    const d = destination(sink);
    d.write('a\n');
    d.write('b\n');
    d.write('c\n');
    expect(sink.writes).toEqual([]);
    await nextTurn();
    expect(sink.writes).toEqual(['a\nb\nc\n']);
    d.write('d\n');
    await nextTurn();
    expect(sink.writes).toEqual(['a\nb\nc\n', 'd\n']);
  });

  it('hands waiting lines over before flushing the sink synchronously', () => {
    const sink = recordingSink();
    const d = destination(sink);
    d.write('one\n');
    d.write('two\n');
    d.flushSync();
    expect(sink.writes).toEqual(['one\ntwo\n']);
    expect(sink.syncFlushes).toBe(1);
  });

  it('flush(callback) hands the lines over and calls back through the sink', (done) => {
    const sink = {
      ...recordingSink(),
      flush(callback?: (error?: Error) => void) {
        callback?.();
      },
    };
    const d = destination(sink);
    d.write('x\n');
    d.flush(() => {
      expect(sink.writes).toEqual(['x\n']);
      done();
    });
  });

  // The real logger (pino + sonic-boom behind the batching) in a process that exits in the same
  // turn as it logs: every line must reach stdout.
  it('loses no line when the process exits right after logging', () => {
    const compiled = join(__dirname, '..', '..', '..', 'dist', 'src', 'common', 'logging');
    expect(existsSync(join(compiled, 'root-logger.js'))).toBe(true); // `npm test` builds first
    const script = `
      const { createRootLogger } = require(${JSON.stringify(join(compiled, 'root-logger.js'))});
      const log = createRootLogger('info');
      for (let i = 0; i < 5000; i++) log.info({ n: i }, 'line');
      process.exit(0);
    `;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    const numbers = out
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { n: number }).n);
    expect(numbers).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });
});
