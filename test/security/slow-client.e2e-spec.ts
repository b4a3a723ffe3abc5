import { connect, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { login, signupCandidate, SignedIn } from '../support/factories';
import { HttpResponse } from '../support/http-client';
import { createTestApp, TestApp } from '../support/test-app';

// OWASP API4 (unrestricted resource consumption): a slow client does not starve others. Slowloris
// sockets (headers trickled a byte at a time), silent sockets and slow bodies (a large
// Content-Length trickled) are held open while normal traffic is served, then the server itself
// answers 408 and closes them once HTTP_HEADERS_TIMEOUT_MS / HTTP_REQUEST_TIMEOUT_MS pass.
const HEADERS_TIMEOUT_MS = 2000;
const REQUEST_TIMEOUT_MS = 4000;
const KEEP_ALIVE_TIMEOUT_MS = 2000;
const SLOWLORIS = 200;
const SILENT = 10;
const SLOW_BODIES_PER_ROUTE = 5;
const NORMAL_REQUESTS = 50;
const NORMAL_CONCURRENCY = 10;
const TRICKLE_MS = 250;
// Node checks deadlines on a timer (a quarter of the shortest limit here), so a socket closes up
// to one interval after its deadline; the rest is scheduling slack on a busy test machine.
const CLOSE_SLACK_MS = 1500;

type SlowKind = 'slowloris' | 'silent' | 'slow-login' | 'slow-upload';

interface SlowClient {
  kind: SlowKind;
  socket: Socket;
  localPort: number;
  openedAt: number;
  closedAt?: number;
  received: string;
  trickle?: string;
}

interface NormalResult {
  route: string;
  status: number;
  ms: number;
  finishedAt: number;
}

function openSlowClient(
  port: number,
  kind: SlowKind,
  head: string,
  trickle?: string,
): Promise<SlowClient> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const client: SlowClient = {
      kind,
      socket,
      localPort: 0,
      openedAt: 0,
      received: '',
      trickle,
    };
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (client.received += chunk));
    // The server resets the connection when it gives up on it: expected, not a test failure.
    socket.on('error', () => undefined);
    socket.once('close', () => (client.closedAt = performance.now()));
    socket.once('connect', () => {
      client.openedAt = performance.now();
      client.localPort = socket.localPort ?? 0;
      if (head) {
        socket.write(head);
      }
      resolve(client);
    });
    socket.once('error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function waitUntil(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve) => {
    const poll = () => {
      if (predicate()) {
        resolve(true);
      } else if (performance.now() > deadline) {
        resolve(false);
      } else {
        setTimeout(poll, 25);
      }
    };
    poll();
  });
}

describe('Slow clients (e2e)', () => {
  let t: TestApp;
  let port: number;
  let candidate: SignedIn;
  const serverSockets = new Set<Socket>();
  const slow: SlowClient[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        HTTP_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
      },
    });
    port = Number(new URL(t.baseUrl).port);
    const server = t.app.getHttpServer();
    server.on('connection', (socket: Socket) => {
      serverSockets.add(socket);
      socket.once('close', () => serverSockets.delete(socket));
    });
    candidate = await signupCandidate(t.http);
  });

  afterAll(async () => {
    for (const client of slow) {
      client.socket.destroy();
    }
    await t.close();
  });

  it('serves normal traffic while slow clients hold connections, then closes the slow ones', async () => {
    const host = `Host: 127.0.0.1:${port}\r\n`;
    const boundary = 'slowclientboundary';
    const opening: Promise<SlowClient>[] = [];
    for (let i = 0; i < SLOWLORIS; i++) {
      opening.push(
        openSlowClient(port, 'slowloris', `GET /api/health HTTP/1.1\r\n${host}X-Slow-${i}: `, 'a'),
      );
    }
    for (let i = 0; i < SILENT; i++) {
      opening.push(openSlowClient(port, 'silent', ''));
    }
    for (let i = 0; i < SLOW_BODIES_PER_ROUTE; i++) {
      opening.push(
        openSlowClient(
          port,
          'slow-login',
          `POST /api/auth/login HTTP/1.1\r\n${host}Content-Type: application/json\r\n` +
            `Content-Length: 65536\r\n\r\n{"username":"`,
          'a',
        ),
      );
      opening.push(
        openSlowClient(
          port,
          'slow-upload',
          `POST /api/resume/upload HTTP/1.1\r\n${host}Authorization: Bearer ${candidate.accessToken}\r\n` +
            `Content-Type: multipart/form-data; boundary=${boundary}\r\n` +
            `Content-Length: ${4 * 1024 * 1024}\r\n\r\n--${boundary}\r\n` +
            `Content-Disposition: form-data; name="file"; filename="cv.pdf"\r\n` +
            `Content-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
          ' ',
        ),
      );
    }
    slow.push(...(await Promise.all(opening)));
    const trickler = setInterval(() => {
      for (const client of slow) {
        if (client.trickle && client.closedAt === undefined && client.socket.writable) {
          client.socket.write(client.trickle);
        }
      }
    }, TRICKLE_MS);

    try {
      // Normal traffic from well-behaved clients, NORMAL_CONCURRENCY at a time.
      const calls: [string, () => Promise<HttpResponse>][] = [];
      for (let i = 0; i < NORMAL_REQUESTS; i++) {
        if (i % 10 === 9) {
          calls.push([
            'POST /api/auth/login',
            async () => {
              await login(t.http, candidate.username, candidate.password);
              return { status: 200 } as HttpResponse;
            },
          ]);
        } else if (i % 2 === 0) {
          calls.push(['GET /api/health', () => t.http.get('/api/health')]);
        } else {
          calls.push(['GET /api/jobs', () => t.http.get('/api/jobs')]);
        }
      }
      const normal: NormalResult[] = [];
      for (let i = 0; i < calls.length; i += NORMAL_CONCURRENCY) {
        normal.push(
          ...(await Promise.all(
            calls.slice(i, i + NORMAL_CONCURRENCY).map(async ([route, call]) => {
              const started = performance.now();
              const res = await call();
              const finishedAt = performance.now();
              return { route, status: res.status, ms: finishedAt - started, finishedAt };
            }),
          )),
        );
      }
      const lastNormal = Math.max(...normal.map((r) => r.finishedAt));
      const stillOpen = slow.filter((c) => c.closedAt === undefined).length;

      expect(normal.filter((r) => r.status !== 200)).toEqual([]);
      // Served while every slow client still held its connection: not queued behind them.
      expect(stillOpen).toBe(slow.length);

      // Now the server gives up on each slow client by itself: 408, then the socket closes.
      const allClosed = await waitUntil(
        () => slow.every((c) => c.closedAt !== undefined),
        REQUEST_TIMEOUT_MS + CLOSE_SLACK_MS * 2,
      );
      const openAfter = slow.filter((c) => c.closedAt === undefined).length;
      expect({ allClosed, openAfter }).toEqual({ allClosed: true, openAfter: 0 });
      const firstSlowClose = Math.min(...slow.map((c) => c.closedAt!));
      expect(lastNormal).toBeLessThan(firstSlowClose);

      const held = (kind: SlowKind) =>
        slow.filter((c) => c.kind === kind).map((c) => c.closedAt! - c.openedAt);
      for (const kind of ['slowloris', 'silent'] as const) {
        expect(Math.min(...held(kind))).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
        expect(Math.max(...held(kind))).toBeLessThan(HEADERS_TIMEOUT_MS + CLOSE_SLACK_MS);
      }
      for (const kind of ['slow-login', 'slow-upload'] as const) {
        expect(Math.min(...held(kind))).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
        expect(Math.max(...held(kind))).toBeLessThan(REQUEST_TIMEOUT_MS + CLOSE_SLACK_MS);
      }
      const answered408 = slow.filter((c) => c.received.startsWith('HTTP/1.1 408 ')).length;
      expect(
        slow.filter((c) => c.trickle && !c.received.startsWith('HTTP/1.1 408 ')).map((c) => c.kind),
      ).toEqual([]);

      // No server-side socket of a slow client survives, and the process keeps serving.
      const slowPorts = new Set(slow.map((c) => c.localPort));
      const leaked = await waitUntil(
        () => ![...serverSockets].some((s) => slowPorts.has(s.remotePort ?? -1)),
        1000,
      );
      expect(leaked).toBe(true);
      expect((await t.http.get('/api/health')).status).toBe(200);
      expect((await t.http.get('/api/jobs')).status).toBe(200);

      const latencies = normal.map((r) => r.ms).sort((a, b) => a - b);
      const count = (kind: SlowKind) => slow.filter((c) => c.kind === kind).length;
      const median = (kind: SlowKind) =>
        Math.round(
          percentile(
            [...held(kind)].sort((a, b) => a - b),
            50,
          ),
        );
      process.stdout.write(
        `slow-client: ${normal.length} normal requests ok while ${slow.length} slow sockets open ` +
          `(${count('slowloris')} slowloris, ${count('silent')} silent, ${count('slow-login')} ` +
          `slow login bodies, ${count('slow-upload')} slow uploads); latency p50 ` +
          `${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, ` +
          `max ${latencies[latencies.length - 1].toFixed(1)} ms; last normal response ` +
          `${Math.round(firstSlowClose - lastNormal)} ms before the first slow close; closed by ` +
          `server after median ${median('slowloris')} ms (slowloris), ${median('silent')} ms ` +
          `(silent), ${median('slow-login')} ms (slow login), ${median('slow-upload')} ms ` +
          `(slow upload); ${answered408} answered 408; ${openAfter} left open\n`,
      );
    } finally {
      clearInterval(trickler);
    }
  });

  it('closes an idle keep-alive connection after HTTP_KEEP_ALIVE_TIMEOUT_MS', async () => {
    const client = await openSlowClient(
      port,
      'silent',
      `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    );
    slow.push(client);
    expect(await waitUntil(() => client.received.includes('"status"'), 5000)).toBe(true);
    const answeredAt = performance.now();
    expect(client.received).toMatch(/^HTTP\/1\.1 200 /);
    expect(client.received).toMatch(
      new RegExp(`\\r\\nkeep-alive: timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}\\r\\n`, 'i'),
    );
    // Node adds keepAliveTimeoutBuffer (1 s) to the advertised timeout before it closes.
    expect(await waitUntil(() => client.closedAt !== undefined, KEEP_ALIVE_TIMEOUT_MS + 2500)).toBe(
      true,
    );
    expect(client.closedAt! - answeredAt).toBeGreaterThanOrEqual(KEEP_ALIVE_TIMEOUT_MS - 100);
  });
});
