import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP stand-in for the Gemini API's generateContent method, for tests that drive the
// real @google/genai client through `httpOptions.baseUrl`. @google/genai 3.x calls
// POST {baseUrl}/{apiVersion}/models/{model}:generateContent (apiVersion "v1" by default, "v1beta"
// when pinned) with the key in the x-goog-api-key header.

export type FakeGeminiReply =
  // A successful candidate whose text is JSON.stringify(json): what structured output returns.
  | { kind: 'json'; json: unknown }
  // A successful candidate with arbitrary text, e.g. invalid JSON.
  | { kind: 'text'; text: string }
  // An error in Google's shape; for 429 a RetryInfo detail and a Retry-After header when given.
  | { kind: 'error'; status: number; retryAfterSeconds?: number; message?: string }
  // A raw HTTP body that is not the API's JSON at all.
  | { kind: 'raw'; status: number; body: string; contentType?: string }
  // Waits before sending `then` (a 200 with an empty candidate list when unset): for timeouts.
  | { kind: 'delay'; ms: number; then?: FakeGeminiReply };

export interface RecordedGeminiRequest {
  method: string;
  path: string;
  apiVersion?: string;
  model?: string;
  apiKey?: string;
  headers: IncomingHttpHeaders;
  // Parsed JSON body, or the raw text when it was not JSON.
  body: unknown;
}

export interface FakeGemini {
  baseUrl: string;
  apiKey: string;
  requests: RecordedGeminiRequest[];
  enqueue(...replies: FakeGeminiReply[]): void;
  // Consulted before the queue: a reply chosen from the request (e.g. audio vs text prompts),
  // or undefined to fall through to the queue. Pass nothing to remove it.
  respondWith(responder?: (request: RecordedGeminiRequest) => FakeGeminiReply | undefined): void;
  pendingReplies(): number;
  close(): Promise<void>;
}

const ROUTE = /^\/(v1(?:alpha|beta)?)\/models\/([^/:]+):generateContent$/;

const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  retryAfterSeconds?: number,
): void {
  const details =
    retryAfterSeconds === undefined
      ? []
      : [
          {
            '@type': 'type.googleapis.com/google.rpc.RetryInfo',
            retryDelay: `${retryAfterSeconds}s`,
          },
        ];
  sendJson(
    res,
    status,
    { error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN', details } },
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
  );
}

function candidateBody(text: string, model: string | undefined): unknown {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 10, totalTokenCount: 20 },
    modelVersion: model,
  };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}

export async function startFakeGemini(options: { apiKey?: string } = {}): Promise<FakeGemini> {
  const apiKey = options.apiKey ?? 'fake-gemini-key';
  const requests: RecordedGeminiRequest[] = [];
  const queue: FakeGeminiReply[] = [];
  let responder: ((request: RecordedGeminiRequest) => FakeGeminiReply | undefined) | undefined;
  const timers = new Set<NodeJS.Timeout>();

  const reply = (res: ServerResponse, next: FakeGeminiReply, model: string | undefined): void => {
    switch (next.kind) {
      case 'json':
        sendJson(res, 200, candidateBody(JSON.stringify(next.json), model));
        return;
      case 'text':
        sendJson(res, 200, candidateBody(next.text, model));
        return;
      case 'error':
        sendError(
          res,
          next.status,
          next.message ?? `fake Gemini error ${next.status}`,
          next.retryAfterSeconds,
        );
        return;
      case 'raw':
        res.writeHead(next.status, { 'content-type': next.contentType ?? 'text/plain' });
        res.end(next.body);
        return;
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) {
            reply(res, next.then ?? { kind: 'raw', status: 200, body: '{"candidates":[]}' }, model);
          }
        }, next.ms);
        timers.add(timer);
        res.on('close', () => {
          clearTimeout(timer);
          timers.delete(timer);
        });
        return;
      }
    }
  };

  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      const route = ROUTE.exec(path);
      const headerKey = req.headers['x-goog-api-key'];
      const recorded: RecordedGeminiRequest = {
        method: req.method ?? 'GET',
        path,
        apiVersion: route?.[1],
        model: route ? decodeURIComponent(route[2]) : undefined,
        apiKey: typeof headerKey === 'string' ? headerKey : undefined,
        headers: req.headers,
        body: await readBody(req),
      };
      requests.push(recorded);

      if (req.method !== 'POST' || !route) {
        sendError(res, 404, `fake Gemini: no route for ${req.method} ${path}`);
        return;
      }
      if (recorded.apiKey === undefined) {
        sendError(res, 403, "Method doesn't allow unregistered callers. Please use an API key.");
        return;
      }
      if (recorded.apiKey !== apiKey) {
        sendError(res, 400, 'API key not valid. Please pass a valid API key.');
        return;
      }
      const next = responder?.(recorded) ?? queue.shift();
      if (!next) {
        sendError(res, 500, 'fake Gemini: no reply queued for this request');
        return;
      }
      reply(res, next, recorded.model);
    })();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    respondWith: (fn) => {
      responder = fn;
    },
    pendingReplies: () => queue.length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        timers.forEach(clearTimeout);
        timers.clear();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
