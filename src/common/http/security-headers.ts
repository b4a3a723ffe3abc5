import type { FastifyReply } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Headers = Record<string, string>;

// The headers a connect-style middleware sets on a response, read from one call with a stand-in
// response: helmet's are the same for every request, so they are taken once at start-up and added
// to replies as a constant object (its middleware would set them one by one on each request).
function headersSetBy(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void,
): Headers {
  const headers: Headers = {};
  const res = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  } as unknown as ServerResponse;
  middleware({ headers: {}, method: 'GET', url: '/' } as IncomingMessage, res, (error) => {
    if (error) {
      throw error instanceof Error ? error : new Error('the middleware refused a plain request');
    }
  });
  return headers;
}

// Every answer: what protects data that is not a web page (JSON, problem documents, files). A
// policy that forbids a browser to run or frame anything, so a JSON answer or an uploaded file
// opened as a page is inert; no sniffing, no framing, HTTPS remembered, no referrer, and other
// origins may not embed it. Six headers where helmet's page set has thirteen: each header costs
// about a microsecond per answer (bench/RESULTS.md, session 4).
export const DATA_HEADERS: Headers = headersSetBy(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
    xFrameOptions: { action: 'deny' },
  }),
);

// HTML pages (the API docs, ReDoc): helmet's full set. Scripts only from this origin (Swagger UI
// and ReDoc are served from node_modules, neither has an inline script); inline styles for both
// UIs; ReDoc's search runs in a blob: worker. No upgrade-insecure-requests: over plain http from
// another machine it sent the browser to https for every asset and the docs pages stayed blank
// (TLS, where used, is the proxy's job).
export const PAGE_HEADERS: Headers = headersSetBy(
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  }),
);

const CSP = 'content-security-policy';
const DATA_CSP = DATA_HEADERS[CSP];
const PAGE_ONLY = Object.entries(PAGE_HEADERS).filter(([name]) => name !== CSP);

// onRequest: the data set on every reply, errors included.
export function addDataHeaders(reply: FastifyReply): void {
  void reply.headers(DATA_HEADERS);
}

// onSend: an HTML answer gets the page set on top. A route that set its own policy (the hosted
// candidate pages, src/web) keeps it; any other page gets helmet's.
export function addPageHeaders(reply: FastifyReply): void {
  const type = reply.getHeader('content-type');
  if (typeof type !== 'string' || !type.startsWith('text/html')) {
    return;
  }
  for (const [name, value] of PAGE_ONLY) {
    void reply.header(name, value);
  }
  if (reply.getHeader(CSP) === DATA_CSP) {
    void reply.header(CSP, PAGE_HEADERS[CSP]);
  }
}
