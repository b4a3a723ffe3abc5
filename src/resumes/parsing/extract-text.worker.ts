import { parentPort, workerData } from 'node:worker_threads';
import { type ExtractTextOptions, extractResumeText } from './extract-text';
import type { ResumeFileKind } from './resume-file-type';
import { ResumeParseError } from './resume-parse.error';

// Entry point of the extraction worker started by isolated-extraction.ts. It does one job and
// reports back; the parent terminates it afterwards or when time runs out.
export interface ExtractionJob {
  bytes: Uint8Array;
  kind: ResumeFileKind;
  options: ExtractTextOptions;
}

export type ExtractionReply =
  | { ok: true; text: string; truncated: boolean }
  | { ok: false; code: ResumeParseError['code'] | null; message: string };

function reply(message: ExtractionReply): void {
  parentPort?.postMessage(message);
}

async function run(job: ExtractionJob): Promise<void> {
  try {
    const result = await extractResumeText(Buffer.from(job.bytes), job.kind, job.options);
    reply({ ok: true, text: result.text, truncated: result.truncated });
  } catch (error) {
    reply({
      ok: false,
      code: error instanceof ResumeParseError ? error.code : null,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

if (parentPort) {
  void run((workerData as { job: ExtractionJob }).job);
}
