import { createStaff, loginAdmin, SignedIn, unique } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

// The request path of issue 16: behaviour, not timings (those are in bench/RESULTS.md).
describe('Hot path (e2e)', () => {
  let t: TestApp;
  let recruiter: SignedIn;
  let jobId: string;

  beforeAll(async () => {
    // A small pool makes a transaction that takes a second pooled connection fail quickly.
    t = await createTestApp({ env: { DB_POOL_SIZE: '4' } });
    recruiter = await createStaff(t.http, await loginAdmin(t.http), 'recruiter');
    const job = await t.http.post(
      '/api/jobs',
      {
        title: 'Site Reliability Engineer',
        description: 'On call, kindly',
        skills_required: ['Go'],
      },
      { token: recruiter.accessToken },
    );
    jobId = job.body.id;
  });

  afterAll(() => t.close());

  it('accepts three times as many concurrent applications as the pool has connections', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.http.post(`/api/jobs/${jobId}/applications`, {
          consent_data_processing: true,
          applicant_name: 'Concurrent Applicant',
          applicant_email: `${unique('concurrent')}@example.com`,
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
  });

  it('answers health in the contract shape from terminus, uncached headers', async () => {
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'healthy',
      version: expect.any(String),
      database: 'connected',
      queue: 'running',
      ai_provider: expect.stringMatching(/^(gemini|offline)$/),
      video_provider: expect.stringMatching(/^(zoom|webrtc)$/),
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('serves /metrics to anyone through a documented, policy-checked controller', async () => {
    await t.http.get('/api/jobs');
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toMatch(
      /panelist_http_requests_total\{method="GET",route="\/api\/jobs",status="200"\} \d+/,
    );
    expect(res.text).toMatch(/panelist_queue_jobs\{queue="[^"]+",state="queued"\}/);
    expect((await t.http.get('/api/metrics')).status).toBe(404);
    const docs = await t.http.get<{ paths: Record<string, unknown> }>('/docs-json');
    expect(docs.body.paths['/metrics']).toHaveProperty('get');
  });

  it('sends RateLimit-* headers on every answer, counting only the requests that are charged', async () => {
    const headersOf = (res: { headers: Headers }) => ({
      limit: Number(res.headers.get('ratelimit-limit')),
      remaining: Number(res.headers.get('ratelimit-remaining')),
      reset: Number(res.headers.get('ratelimit-reset')),
    });
    const first = headersOf(await t.http.get('/api/jobs'));
    const second = headersOf(await t.http.get(`/api/jobs/${jobId}`));
    expect(first.limit).toBeGreaterThan(0);
    expect(second.remaining).toBe(first.remaining - 1);
    expect(second.reset).toBeGreaterThanOrEqual(1);
    expect(second.reset).toBeLessThanOrEqual(60);
    // Never reach the guard: an unknown route, a malformed URL, the docs. Not charged.
    for (const path of ['/api/no-such-route', '/api/jobs/%zz', '/docs-json']) {
      const res = await t.http.get(path);
      expect({ path, ...headersOf(res) }).toMatchObject({
        path,
        limit: first.limit,
        remaining: second.remaining,
      });
    }
    const failed = await t.http.get('/api/auth/me');
    expect(failed.status).toBe(401);
    expect(headersOf(failed).remaining).toBe(second.remaining - 1);
  });
});
