import type { DestinationStream } from 'pino';

// What the batch is handed to: sonic-boom (pino.destination) or any stream with the same calls.
export interface LineSink extends DestinationStream {
  flushSync?(): void;
  flush?(callback?: (error?: Error) => void): void;
}

// Gathers the lines logged during one turn of the event loop and hands them to the sink as one
// string, in order, when the turn ends (setImmediate).
//
// Why: sonic-boom appends each line to the chunk it is gathering while a write is in flight and
// measures the whole gathered chunk again (Buffer.byteLength of a concatenated string, which
// flattens it) for every line. On a busy server a turn serves tens of requests, so each request
// line paid for copying kilobytes (4.6 % of a health check's CPU, bench/RESULTS.md session 5).
// Handed over once per turn, the measuring happens once per turn.
//
// Nothing is lost on the way out: the lines still waiting are handed over synchronously before any
// other 'exit' listener runs (pino's own flushes sonic-boom synchronously then), and flushSync /
// flush hand them over first too.
export class TurnBatchedDestination implements LineSink {
  private lines: string[] = [];
  private scheduled = false;
  private readonly handOver = (): void => {
    this.scheduled = false;
    this.flushLines();
  };

  constructor(private readonly sink: LineSink) {
    process.prependListener('exit', this.handOver);
  }

  write(line: string): void {
    this.lines.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.handOver);
    }
  }

  flushSync(): void {
    this.flushLines();
    this.sink.flushSync?.();
  }

  flush(callback?: (error?: Error) => void): void {
    this.flushLines();
    if (this.sink.flush) {
      this.sink.flush(callback);
    } else {
      callback?.();
    }
  }

  // Stops listening for the process exit (a logger built for a test or a script that outlives it).
  close(): void {
    this.flushLines();
    process.removeListener('exit', this.handOver);
  }

  private flushLines(): void {
    if (this.lines.length === 0) {
      return;
    }
    const batch = this.lines.length === 1 ? this.lines[0] : this.lines.join('');
    this.lines = [];
    this.sink.write(batch);
  }
}
