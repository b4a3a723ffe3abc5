import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP stand-in for an OpenAI-compatible chat-completions server (what Ollama, vLLM and
// llama.cpp's server expose): POST {baseUrl}/chat/completions with an optional bearer key, replies
// taken from a queue.

export type FakeChatReply =
  // A completion whose message content is JSON.stringify(json).
  | { kind: 'json'; json: unknown; finishReason?: string }
  // A completion with arbitrary content (prose, a fenced block, invalid JSON).
  | { kind: 'text'; text: string; finishReason?: string }
  // An error in OpenAI's shape, with a Retry-After header when given.
  | { kind: 'error'; status: number; retryAfterSeconds?: number }
  // A raw HTTP body that is not the API's JSON at all.
  | { kind: 'raw'; status: number; body: string; contentType?: string }
  // Waits before sending `then`: for timeouts.
  | { kind: 'delay'; ms: number; then: FakeChatReply };

export interface RecordedChatRequest {
  method: string;
  path: string;
  authorization?: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface FakeOpenAi {
  // Ends with /v1, as LLM_BASE_URL does for Ollama.
  baseUrl: string;
  apiKey: string | undefined;
  requests: RecordedChatRequest[];
  enqueue(...replies: FakeChatReply[]): void;
  pendingReplies(): number;
  close(): Promise<void>;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function completion(content: string, model: unknown, finishReason = 'stop'): unknown {
  return {
    id: `chatcmpl-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: typeof model === 'string' ? model : 'unknown',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
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

// `apiKey` undefined: a local server that takes no key (Ollama's default).
export async function startFakeOpenAi(options: { apiKey?: string } = {}): Promise<FakeOpenAi> {
  const { apiKey } = options;
  const requests: RecordedChatRequest[] = [];
  const queue: FakeChatReply[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const reply = (res: ServerResponse, next: FakeChatReply, model: unknown): void => {
    switch (next.kind) {
      case 'json':
        sendJson(res, 200, completion(JSON.stringify(next.json), model, next.finishReason));
        return;
      case 'text':
        sendJson(res, 200, completion(next.text, model, next.finishReason));
        return;
      case 'error':
        sendJson(
          res,
          next.status,
          { error: { message: `fake error ${next.status}`, type: 'server_error', code: null } },
          next.retryAfterSeconds === undefined
            ? {}
            : { 'retry-after': String(next.retryAfterSeconds) },
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
            reply(res, next.then, model);
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
      const recorded: RecordedChatRequest = {
        method: req.method ?? 'GET',
        path,
        authorization: req.headers.authorization,
        headers: req.headers,
        body: await readBody(req),
      };
      requests.push(recorded);
      if (req.method !== 'POST' || path !== '/v1/chat/completions') {
        sendJson(res, 404, { error: { message: `no route for ${req.method} ${path}` } });
        return;
      }
      if (apiKey !== undefined && recorded.authorization !== `Bearer ${apiKey}`) {
        sendJson(res, 401, {
          error: { message: 'Incorrect API key provided', code: 'invalid_api_key' },
        });
        return;
      }
      const next = queue.shift();
      if (!next) {
        sendJson(res, 500, { error: { message: 'fake server: no reply queued' } });
        return;
      }
      reply(res, next, (recorded.body as { model?: unknown } | undefined)?.model);
    })();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
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
