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
// Nothing is lost on the way out: one 'exit' listener, placed before any other (pino's own flushes
// sonic-boom synchronously then), hands over the lines still waiting in every destination, and
// flushSync / flush hand them over first too. Only a destination with waiting lines is referenced
// from here, so loggers built and dropped (a test app each) leave nothing behind.
const waiting = new Set<TurnBatchedDestination>();
let listening = false;

function handOverAll(): void {
  for (const destination of waiting) {
    try {
      destination.handOverLines();
    } catch {
      // The sink was closed before the process ended: there is nowhere left to write them.
    }
  }
}

export class TurnBatchedDestination implements LineSink {
  private lines: string[] = [];
  private readonly handOver = (): void => this.handOverLines();

  constructor(private readonly sink: LineSink) {}

  write(line: string): void {
    this.lines.push(line);
    if (this.lines.length === 1) {
      waiting.add(this);
      if (!listening) {
        process.prependListener('exit', handOverAll);
        listening = true;
      }
      setImmediate(this.handOver);
    }
  }

  flushSync(): void {
    this.handOverLines();
    this.sink.flushSync?.();
  }

  flush(callback?: (error?: Error) => void): void {
    this.handOverLines();
    if (this.sink.flush) {
      this.sink.flush(callback);
    } else {
      callback?.();
    }
  }

  // Gives the sink what is waiting now, without waiting for the end of the turn.
  handOverLines(): void {
    if (this.lines.length === 0) {
      return;
    }
    const batch = this.lines.length === 1 ? this.lines[0] : this.lines.join('');
    this.lines = [];
    waiting.delete(this);
    this.sink.write(batch);
  }
}
