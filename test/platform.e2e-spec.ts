import { loginAdmin, signupCandidate } from './support/factories';
import { startTcpProxy } from './support/tcp-proxy';
import { createTestApp, TestApp } from './support/test-app';

describe('Platform conventions (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { CORS_ORIGINS: 'https://dashboard.example' } });
  });

  afterAll(() => t.close());

  it('reports health with the contract fields', async () => {
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'healthy',
      version: expect.any(String),
      database: 'connected',
      queue: 'running',
      ai_provider: 'offline',
      video_provider: 'webrtc',
    });
  });

  it('echoes a client request id and mints one otherwise', async () => {
    const echoed = await t.http.get('/api/health', {
      headers: { 'x-request-id': 'trace-abc-123' },
    });
    expect(echoed.headers.get('x-request-id')).toBe('trace-abc-123');
    const minted = await t.http.get('/api/health');
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await t.http.get('/api/health', {
      headers: { 'x-request-id': 'bad id\twith spaces' },
    });
    expect(hostile.headers.get('x-request-id')).not.toContain(' ');
  });

  it('answers unknown routes with a 404 problem document', async () => {
    const res = await t.http.get('/api/does-not-exist', { headers: { 'x-request-id': 'nf-1' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      status: 404,
      title: 'Not Found',
      instance: '/api/does-not-exist',
      request_id: 'nf-1',
    });
    expect(res.body).toHaveProperty('type');
    expect(res.body).toHaveProperty('detail');
  });

  it('answers router-level errors (overlong segment, bad encoding) with problem documents', async () => {
    const long = await t.http.get(`/api/jobs/${'a'.repeat(150)}`, {
      headers: { 'x-request-id': 'long-1' },
    });
    expect(long.status).toBe(414);
    expect(long.headers.get('content-type')).toContain('application/problem+json');
    expect(long.body).toMatchObject({ status: 414, code: 'URI_TOO_LONG', request_id: 'long-1' });
    const bad = await t.http.get('/api/jobs/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body).toMatchObject({ status: 400, code: 'BAD_URL' });
  });

  it('refuses malformed JSON and oversized bodies without leaking internals', async () => {
    const malformed = await t.http.post('/api/auth/login', undefined, {
      raw: '{"username": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.text).not.toMatch(/SyntaxError|at .*\.js/);
    const huge = await t.http.post('/api/auth/login', {
      username: 'x',
      password: 'y'.repeat(2 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a body type the route does not accept with 415', async () => {
    const res = await t.http.post('/api/auth/login', undefined, {
      raw: 'hello',
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(415);
  });

  it('sets security headers and no X-Powered-By', async () => {
    const res = await t.http.get('/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('allows configured CORS origins only', async () => {
    const allowed = await t.http.request('OPTIONS', '/api/health', undefined, {
      headers: { origin: 'https://dashboard.example', 'access-control-request-method': 'GET' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboard.example');
    const denied = await t.http.request('OPTIONS', '/api/health', undefined, {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect(denied.headers.get('access-control-allow-credentials')).toBeNull();
    // A request from no page (a server, curl) gets no CORS grant either, only the Vary that keeps
    // caches from handing it to a page.
    const plain = await t.http.get('/api/health');
    expect(plain.headers.get('vary')).toMatch(/Origin/);
    expect([...plain.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const page = await t.http.get('/api/health', {
      headers: { origin: 'https://dashboard.example' },
    });
    expect(page.headers.get('access-control-allow-origin')).toBe('https://dashboard.example');
    expect(page.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
  });

  it('sends the data header set on JSON answers and the page set on HTML pages', async () => {
    const json = await t.http.get('/api/health');
    expect(json.headers.get('content-security-policy')).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
    expect(json.headers.get('x-frame-options')).toBe('DENY');
    expect(json.headers.get('cross-origin-opener-policy')).toBeNull();
    const missing = await t.http.get('/api/no-such-route');
    expect(missing.headers.get('content-security-policy')).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
    const redoc = await t.http.get('/redoc');
    expect(redoc.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(redoc.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(redoc.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(redoc.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('publishes OpenAPI JSON describing every route, Swagger UI and ReDoc', async () => {
    const doc = await t.http.get('/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/signup',
        '/api/auth/login',
        '/api/health',
        '/api/gdpr/audit/verify',
      ]),
    );
    expect(doc.body.paths['/api/auth/signup'].post.requestBody).toBeDefined();
    expect((await t.http.get('/docs')).status).toBe(200);
    const redoc = await t.http.get('/redoc');
    expect(redoc.status).toBe(200);
    expect(redoc.text).toContain('/docs-json');
  });

  it('exposes Prometheus metrics with request counts by route and status', async () => {
    await t.http.get('/api/health');
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /panelist_http_requests_total\{method="GET",route="\/api\/health",status="200"\} \d+/,
    );
    expect(res.text).toContain('panelist_http_request_duration_seconds_bucket');
  });

  it('paginates with opaque cursors and rejects forged ones', async () => {
    const admin = await loginAdmin(t.http);
    for (let i = 0; i < 5; i++) {
      await signupCandidate(t.http);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await t.http.get('/api/admin/users', {
        token: admin.accessToken,
        query: { limit: 2, cursor },
      });
      expect(res.status).toBe(200);
      expect(res.body.limit).toBe(2);
      seen.push(...res.body.items.map((u: { id: string }) => u.id));
      cursor = res.body.next_cursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(6);
    const forged = await t.http.get('/api/admin/users', {
      token: admin.accessToken,
      query: { cursor: 'bm90LWpzb24' },
    });
    expect(forged.status).toBe(400);
    expect(
      (await t.http.get('/api/admin/users', { token: admin.accessToken, query: { limit: 1000 } }))
        .status,
    ).toBe(400);
  });

  it('rate-limits each client address with a 429 problem and Retry-After', async () => {
    const limited = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      // Windows are fixed, aligned to the minute: keep the seven requests inside one.
      const left = 60_000 - (Date.now() % 60_000);
      if (left < 3_000) {
        await new Promise((r) => setTimeout(r, left + 50));
      }
      const statuses: number[] = [];
      let last = await limited.http.get('/api/health');
      statuses.push(last.status);
      for (let i = 0; i < 6; i++) {
        last = await limited.http.get('/api/jobs');
        statuses.push(last.status);
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(last.status).toBe(429);
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last.headers.get('content-type')).toContain('application/problem+json');
      expect(last.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    } finally {
      await limited.close();
    }
  });

  it('answers 503 unhealthy while the database is unreachable and recovers by itself', async () => {
    const target = new URL(t.databaseUrl);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(t.databaseUrl);
    viaProxy.port = String(proxy.port);
    // Same database as `t`, so the same shared rate-limit counts: reset the limit of 5 that
    // createTestApp left in process.env for the test above.
    const second = await createTestApp({
      env: { DATABASE_URL: viaProxy.toString(), RATE_LIMIT_PER_MINUTE: '10000' },
    });
    try {
      expect((await second.http.get('/api/health')).status).toBe(200);
      proxy.cut();
      // One ping serves every probe for a second (PROBE_CACHE_MS): the cut shows after that.
      let down = await second.http.get('/api/health');
      for (let i = 0; i < 30 && down.status !== 503; i++) {
        await new Promise((r) => setTimeout(r, 200));
        down = await second.http.get('/api/health');
      }
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'unhealthy', database: 'disconnected' });
      proxy.restore();
      let recovered = 0;
      for (let i = 0; i < 30 && recovered !== 200; i++) {
        await new Promise((r) => setTimeout(r, 200));
        recovered = (await second.http.get('/api/health')).status;
      }
      expect(recovered).toBe(200);
    } finally {
      await second.close().catch(() => undefined);
      await proxy.close();
    }
  });

  it('serves only health and metrics from a worker process', async () => {
    const worker = await createTestApp({ env: { APP_ROLE: 'worker' } });
    try {
      expect((await worker.http.get('/api/health')).status).toBe(200);
      expect((await worker.http.get('/metrics')).status).toBe(200);
      const jobs = await worker.http.get('/api/jobs');
      expect(jobs.status).toBe(404);
      expect(jobs.body).toMatchObject({ status: 404, code: 'WORKER_PROCESS' });
      expect(
        (await worker.http.post('/api/auth/login', { username: 'x', password: 'y' })).status,
      ).toBe(404);
    } finally {
      await worker.close();
      delete process.env.APP_ROLE;
    }
  });
});
