import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { ExtractTextOptions, ResumeText } from './extract-text';
import type { ExtractionJob, ExtractionReply } from './extract-text.worker';
import type { ResumeFileKind } from './resume-file-type';
import { ResumeParseError } from './resume-parse.error';

export interface IsolatedExtractionOptions extends ExtractTextOptions {
  timeoutMs: number;
  resourceLimits?: ResourceLimits;
}

// A hostile file may spin pdf.js or inflate forever; the worker has its own heap cap and is
// killed when the time is up, while the API's event loop keeps serving requests.
const DEFAULT_RESOURCE_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 256,
  maxYoungGenerationSizeMb: 32,
  stackSizeMb: 4,
};

const WORKER_BASENAME = 'extract-text.worker';

// From `dist/` the compiled worker sits next to this file. From TypeScript sources (ts-jest,
// where no .js exists) the worker first installs a require hook that transpiles .ts files with
// the `typescript` devDependency, so tests exercise the very same worker, not a stand-in.
const TS_BOOTSTRAP = `
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const ts = require(workerData.typescript);
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
    },
  });
  module._compile(outputText, filename);
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
    extra: { entry: source, typescript: require.resolve('typescript') },
  };
}

function failure(reply: Extract<ExtractionReply, { ok: false }>): Error {
  return reply.code ? new ResumeParseError(reply.code, reply.message) : new Error(reply.message);
}

export function extractResumeTextIsolated(
  bytes: Buffer,
  kind: ResumeFileKind,
  options: IsolatedExtractionOptions,
): Promise<ResumeText> {
  const { timeoutMs, resourceLimits, ...extractOptions } = options;
  const launch = workerLaunch();
  const job: ExtractionJob = { bytes: new Uint8Array(bytes), kind, options: extractOptions };
  const worker = new Worker(launch.script, {
    eval: launch.eval,
    workerData: { job, ...launch.extra },
    resourceLimits: { ...DEFAULT_RESOURCE_LIMITS, ...resourceLimits },
  });

  return new Promise<ResumeText>((resolve, reject) => {
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
        reject(new ResumeParseError('TIMEOUT', `Text extraction took longer than ${timeoutMs} ms`)),
      );
    }, timeoutMs);

    worker.once('message', (reply: ExtractionReply) => {
      settle(() =>
        reply.ok
          ? resolve({ text: reply.text, truncated: reply.truncated })
          : reject(failure(reply)),
      );
    });
    worker.once('error', (error: Error & { code?: string }) => {
      const outcome =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new ResumeParseError(
              'TOO_LARGE',
              'The file needs more memory than extraction may use',
              { cause: error },
            )
          : error;
      settle(() => reject(outcome));
    });
    worker.once('exit', (code) => {
      settle(() =>
        reject(new Error(`The extraction worker stopped (exit code ${code}) without a result`)),
      );
    });
  });
}
