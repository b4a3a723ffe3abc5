import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { ExtractTextOptions, ResumeText } from './extract-text';
import type { ResumeFileKind } from './resume-file-type';
import type { ResumeParseJob, ResumeParseReply } from './resume-parse.worker';
import { ResumeParseError } from './resume-parse.error';
import type { ParsedResume } from './resume-parser';

export interface IsolatedExtractionOptions extends ExtractTextOptions {
  timeoutMs: number;
  resourceLimits?: ResourceLimits;
}

export interface IsolatedParseOptions extends IsolatedExtractionOptions {
  // "Today" for the parser: "Present" runs to this month.
  now?: Date;
}

export interface IsolatedParse extends ResumeText {
  parsed: ParsedResume;
}

// A hostile file may spin pdf.js or inflate forever, and hostile text may be slow to parse; the
// worker has its own heap cap and is killed when the time is up (one limit for extraction and
// parsing together), while the API's event loop keeps serving requests.
const DEFAULT_RESOURCE_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 256,
  maxYoungGenerationSizeMb: 32,
  stackSizeMb: 4,
};

const WORKER_BASENAME = 'resume-parse.worker';

// From `dist/` the compiled worker sits next to this file. From TypeScript sources (ts-jest,
// where no .js exists) the worker first installs a require hook that transpiles .ts files with
// the `typescript` devDependency, so tests exercise the very same worker, not a stand-in. Each
// worker starts afresh, so the transpiled files are kept in a cache keyed by their content:
// later workers skip the compiler entirely.
const TS_BOOTSTRAP = `
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { join } = require('node:path');
const { threadId, workerData } = require('node:worker_threads');
let ts = null;
mkdirSync(workerData.cacheDir, { recursive: true });
require.extensions['.ts'] = (module, filename) => {
  const source = readFileSync(filename, 'utf8');
  const key = createHash('sha256').update(workerData.typescript).update(filename).update(source);
  const cached = join(workerData.cacheDir, key.digest('hex') + '.js');
  let output;
  try {
    output = readFileSync(cached, 'utf8');
  } catch {
    ts = ts || require(workerData.typescript);
    output = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        experimentalDecorators: true,
      },
    }).outputText;
    const temporary = cached + '.' + process.pid + '-' + threadId;
    writeFileSync(temporary, output);
    renameSync(temporary, cached);
  }
  module._compile(output, filename);
};
require(workerData.entry);
`;

interface WorkerLaunch {
  script: string;
  eval: boolean;
  extra: Record<string, string>;
}

function workerLaunch(): WorkerLaunch {
  const compiled = join(__dirname, `${WORKER_BASENAME}.js`);
  if (existsSync(compiled)) {
    return { script: compiled, eval: false, extra: {} };
  }
  const source = join(__dirname, `${WORKER_BASENAME}.ts`);
  return {
    script: TS_BOOTSTRAP,
    eval: true,
    extra: {
      entry: source,
      typescript: require.resolve('typescript'),
      cacheDir: join(tmpdir(), `panelist-worker-ts-${process.getuid?.() ?? 'user'}`),
    },
  };
}

function failure(reply: Extract<ResumeParseReply, { ok: false }>): Error {
  return reply.code ? new ResumeParseError(reply.code, reply.message) : new Error(reply.message);
}

function runWorker(
  job: ResumeParseJob,
  timeoutMs: number,
  resourceLimits: ResourceLimits | undefined,
): Promise<Extract<ResumeParseReply, { ok: true }>> {
  const launch = workerLaunch();
  const worker = new Worker(launch.script, {
    eval: launch.eval,
    workerData: { job, ...launch.extra },
    resourceLimits: { ...DEFAULT_RESOURCE_LIMITS, ...resourceLimits },
  });

  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => {
      settle(() =>
        reject(
          new ResumeParseError('TIMEOUT', `Reading the résumé took longer than ${timeoutMs} ms`),
        ),
      );
    }, timeoutMs);

    worker.once('message', (reply: ResumeParseReply) => {
      settle(() => (reply.ok ? resolve(reply) : reject(failure(reply))));
    });
    worker.once('error', (error: Error & { code?: string }) => {
      const outcome =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new ResumeParseError(
              'TOO_LARGE',
              'The file needs more memory than résumé parsing may use',
              { cause: error },
            )
          : error;
      settle(() => reject(outcome));
    });
    worker.once('exit', (code) => {
      settle(() =>
        reject(new Error(`The résumé worker stopped (exit code ${code}) without a result`)),
      );
    });
  });
}

export async function extractResumeTextIsolated(
  bytes: Buffer,
  kind: ResumeFileKind,
  options: IsolatedExtractionOptions,
): Promise<ResumeText> {
  const { timeoutMs, resourceLimits, ...extractOptions } = options;
  const job: ResumeParseJob = { bytes: new Uint8Array(bytes), kind, options: extractOptions };
  const reply = await runWorker(job, timeoutMs, resourceLimits);
  return { text: reply.text, truncated: reply.truncated };
}

// Extraction and parsing in one worker, under one time limit.
export async function parseResumeIsolated(
  bytes: Buffer,
  kind: ResumeFileKind,
  options: IsolatedParseOptions,
): Promise<IsolatedParse> {
  const { timeoutMs, resourceLimits, now, ...extractOptions } = options;
  const job: ResumeParseJob = {
    bytes: new Uint8Array(bytes),
    kind,
    options: extractOptions,
    parseAt: (now ?? new Date()).toISOString(),
  };
  const reply = await runWorker(job, timeoutMs, resourceLimits);
  if (!reply.parsed) {
    throw new Error('The résumé worker returned no parse result');
  }
  return { text: reply.text, truncated: reply.truncated, parsed: reply.parsed };
}
