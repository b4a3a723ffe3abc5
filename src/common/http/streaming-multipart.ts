import multipart, { FastifyMultipartOptions } from '@fastify/multipart';
import type { FastifyPluginCallback } from 'fastify';

// The request decorators of @fastify/multipart that write uploads to temporary files.
const DISK_MODE = ['saveRequestFiles', 'cleanRequestFiles'];
// The hooks it adds for them: an async onResponse that deletes the temporary files, and an async
// onRequest that watches every response for an early close to do the same.
const DISK_MODE_HOOKS = ['onRequest', 'onResponse'];

function diskModeUnavailable(): never {
  throw new Error(
    'Uploads are streamed here (request.parts()); temporary upload files are not available',
  );
}

// @fastify/multipart as this application uses it: every upload is streamed part by part
// (request.parts(), common/http/body-reader.ts and the media and web readers) and nothing is
// written to a temporary file. The plugin still adds two hooks to every request, multipart or
// not, to clean up such files; they cost about 8 µs of CPU per request (bench/RESULTS.md,
// session 4). They are left out here, and the two disk-mode decorators throw instead of saving a
// file that nothing would delete. Start-up fails if the plugin no longer adds exactly these hooks,
// so an upgrade that changes them is reviewed rather than silently trimmed.
export const streamingMultipart: FastifyPluginCallback<FastifyMultipartOptions> = (
  fastify,
  options,
  done,
) => {
  const dropped: string[] = [];
  const instance = new Proxy(fastify, {
    get(target, property) {
      if (property === 'addHook') {
        return (name: string, hook: never) => {
          if (DISK_MODE_HOOKS.includes(name) && !dropped.includes(name)) {
            dropped.push(name);
            return instance;
          }
          target.addHook(name as never, hook);
          return instance;
        };
      }
      if (property === 'decorateRequest') {
        return (name: string, value: unknown) => {
          target.decorateRequest(name, DISK_MODE.includes(name) ? diskModeUnavailable : value);
          return instance;
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  (multipart as unknown as FastifyPluginCallback<FastifyMultipartOptions>)(
    instance,
    options,
    (error?: Error) => {
      if (!error && dropped.length !== DISK_MODE_HOOKS.length) {
        error = new Error(
          `@fastify/multipart added other hooks than expected (${dropped.join(', ') || 'none'}): review src/common/http/streaming-multipart.ts`,
        );
      }
      done(error);
    },
  );
};

// Like fastify-plugin: decorations and the content-type parser belong to the root instance.
Object.assign(streamingMultipart, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'streaming-multipart',
});
