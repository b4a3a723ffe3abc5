import { parentPort, workerData } from 'node:worker_threads';
import { type ExtractTextOptions, extractResumeText } from './extract-text';
import type { ResumeFileKind } from './resume-file-type';
import { ResumeParseError } from './resume-parse.error';
import { type ParsedResume, parseResumeText } from './resume-parser';

// Entry point of the worker started by isolated-parse.ts. It does one job (extract the text
// and, when asked, parse it) and reports back; the parent terminates it afterwards or when time
// runs out, so neither a hostile file nor hostile text can hold the API's event loop.
export interface ResumeParseJob {
  bytes: Uint8Array;
  kind: ResumeFileKind;
  options: ExtractTextOptions;
  // ISO date used as "today" by the parser; absent = extract the text only.
  parseAt?: string;
}

export type ResumeParseReply =
  | { ok: true; text: string; truncated: boolean; parsed?: ParsedResume }
  | { ok: false; code: ResumeParseError['code'] | null; message: string };

function reply(message: ResumeParseReply): void {
  parentPort?.postMessage(message);
}

async function run(job: ResumeParseJob): Promise<void> {
  try {
    const { text, truncated } = await extractResumeText(
      Buffer.from(job.bytes),
      job.kind,
      job.options,
    );
    const parsed = job.parseAt ? parseResumeText(text, new Date(job.parseAt)) : undefined;
    reply({ ok: true, text, truncated, ...(parsed ? { parsed } : {}) });
  } catch (error) {
    reply({
      ok: false,
      code: error instanceof ResumeParseError ? error.code : null,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

if (parentPort) {
  void run((workerData as { job: ResumeParseJob }).job);
}
