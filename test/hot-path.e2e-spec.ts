import { createStaff, loginAdmin, SignedIn, unique } from './support/factories';
import { SEARCH_CANDIDATES } from '../src/jobs/jobs.repository';
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

  it('answers a public job with an ETag, Cache-Control, and 304 for a matching If-None-Match', async () => {
    const first = await t.http.get(`/api/jobs/${jobId}`);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=30');
    expect(first.headers.get('vary')).toContain('Authorization');
    const again = await t.http.get(`/api/jobs/${jobId}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const weak = await t.http.get(`/api/jobs/${jobId}`, {
      headers: { 'if-none-match': `"other", W/${etag}` },
    });
    expect(weak.status).toBe(304);
    // A change to the job changes the tag: the old one gets the full answer again.
    await t.http.patch(
      `/api/jobs/${jobId}`,
      { location: 'Porto' },
      { token: recruiter.accessToken },
    );
    const changed = await t.http.get(`/api/jobs/${jobId}`, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.body.location).toBe('Porto');
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('caches lists publicly for anonymous callers and privately for signed-in ones', async () => {
    const anonymous = await t.http.get('/api/jobs?limit=5');
    expect(anonymous.headers.get('cache-control')).toBe('public, max-age=30');
    const etag = anonymous.headers.get('etag')!;
    expect(
      (await t.http.get('/api/jobs?limit=5', { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    const staff = await t.http.get('/api/jobs/search?q=reliability', {
      token: recruiter.accessToken,
    });
    expect(staff.status).toBe(200);
    expect(staff.headers.get('cache-control')).toBe('private, no-cache');
    expect(staff.body.items[0]).toMatchObject({ id: jobId, relevance: expect.any(Number) });
  });

  it('serves every stored field of a job through the response schema', async () => {
    const [row] = await t.dataSource.query<Record<string, unknown>[]>(
      'SELECT title, description, location, skills_required, status, application_count FROM jobs WHERE id = $1',
      [jobId],
    );
    const served = await t.http.get(`/api/jobs/${jobId}`);
    expect(Object.keys(served.body).sort()).toEqual(
      [
        'id',
        'title',
        'description',
        'company',
        'location',
        'salary_range',
        'job_type',
        'work_mode',
        'experience_level',
        'department',
        'skills_required',
        'skills_nice_to_have',
        'status',
        'created_by',
        'created_at',
        'updated_at',
        'application_count',
        'archived_at',
      ].sort(),
    );
    expect(served.body).toMatchObject({ ...row, id: jobId, created_by: recruiter.id });
    expect(served.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('ranks only the newest SEARCH_CANDIDATES matches of a very common word, on every page', async () => {
    // One more match than the bound; the oldest has the word in its title three times, so it
    // would rank first if every match were ranked.
    await t.dataSource.query(
      `INSERT INTO jobs (id, title, description, status, created_at)
       SELECT gen_random_uuid(),
              CASE WHEN n = 0 THEN 'Quokkaherder quokkaherder quokkaherder' ELSE 'Team role ' || n END,
              'Needs a quokkaherder', 'Open', now() - make_interval(days => 1000 - n)
         FROM generate_series(0, $1) AS n`,
      [SEARCH_CANDIDATES],
    );
    const seen = new Set<string>();
    let cursor: string | null = null;
    let firstTitle = '';
    do {
      const page: {
        status: number;
        body: { items: { title: string }[]; next_cursor: string | null };
      } = await t.http.get(
        `/api/jobs/search?q=quokkaherder&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      firstTitle ||= page.body.items[0].title;
      for (const job of page.body.items) {
        seen.add(job.title);
      }
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen.size).toBe(SEARCH_CANDIDATES);
    expect(seen.has('Quokkaherder quokkaherder quokkaherder')).toBe(false);
    expect(firstTitle).toMatch(/^Team role \d+$/);
  });
});
