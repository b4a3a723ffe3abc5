import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

const SCRIPT_PATH = '/redoc/redoc.standalone.js';

// ReDoc from the `redoc` package in node_modules (its self-contained browser bundle), never from a
// CDN: the reference renders offline and under a CSP that allows scripts from this origin only.
// The page has no inline script; the <redoc> element starts itself once the bundle loads.
const PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Panelist API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="/docs-json"></redoc>
<script src="${SCRIPT_PATH}"></script></body></html>`;

export function registerRedoc(fastify: FastifyInstance): void {
  // Read once at start-up (about 1 MB); served with a long cache life, the URL names the version.
  const bundle = readFileSync(require.resolve('redoc/bundles/redoc.standalone.js'));
  fastify.get('/redoc', (_request, reply) => {
    void reply.header('Content-Type', 'text/html; charset=utf-8').send(PAGE);
  });
  fastify.get(SCRIPT_PATH, (_request, reply) => {
    void reply
      .header('Content-Type', 'application/javascript; charset=utf-8')
      .header('Cache-Control', 'public, max-age=3600')
      .send(bundle);
  });
}
