import { createStaff, loginAdmin, signupCandidate, SignedIn } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

export function jobBody(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Backend Engineer',
    description: 'Build APIs with Node.js and PostgreSQL.',
    company: 'Acme',
    location: 'Berlin, Germany',
    salary_range: '$90k - $120k',
    job_type: 'full-time',
    work_mode: 'hybrid',
    experience_level: 'mid',
    department: 'Engineering',
    skills_required: ['TypeScript', 'Postgres'],
    ...overrides,
  };
}

describe('Jobs (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let recruiter: SignedIn;
  let otherRecruiter: SignedIn;
  let candidate: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    otherRecruiter = await createStaff(t.http, admin, 'recruiter');
    candidate = await signupCandidate(t.http);
  });

  afterAll(() => t.close());

  it('creates a job through both routes with the contract shape', async () => {
    const res = await t.http.post('/api/jobs', jobBody(), { token: recruiter.accessToken });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Backend Engineer',
      status: 'Open',
      skills_required: ['TypeScript', 'Postgres'],
      created_by: recruiter.id,
      application_count: 0,
    });
    const alias = await t.http.post('/api/createJob', jobBody({ title: 'Alias Job' }), {
      token: recruiter.accessToken,
    });
    expect(alias.status).toBe(201);
    expect(
      (await t.http.post('/api/jobs', jobBody(), { token: candidate.accessToken })).status,
    ).toBe(403);
    expect((await t.http.post('/api/jobs', jobBody())).status).toBe(401);
    expect(
      (await t.http.post('/api/jobs', { title: '' }, { token: recruiter.accessToken })).status,
    ).toBe(400);
  });

  it('shows only Open jobs to anonymous users and candidates', async () => {
    const draft = await t.http.post(
      '/api/jobs',
      jobBody({ title: 'Secret Draft', status: 'Draft' }),
      { token: recruiter.accessToken },
    );
    const anon = await t.http.get('/api/jobs', { query: { limit: 100 } });
    expect(anon.body.items.map((j: { id: string }) => j.id)).not.toContain(draft.body.id);
    expect((await t.http.get(`/api/jobs/${draft.body.id}`)).status).toBe(404);
    expect(
      (await t.http.get(`/api/jobs/${draft.body.id}`, { token: candidate.accessToken })).status,
    ).toBe(404);
    expect(
      (await t.http.get(`/api/jobs/${draft.body.id}`, { token: recruiter.accessToken })).status,
    ).toBe(200);
    const asCandidate = await t.http.get('/api/jobs', {
      token: candidate.accessToken,
      query: { status: 'Draft' },
    });
    expect(asCandidate.body.items.every((j: { status: string }) => j.status === 'Open')).toBe(true);
    const staff = await t.http.get('/api/jobs', {
      token: recruiter.accessToken,
      query: { status: 'Draft' },
    });
    expect(staff.body.items.map((j: { id: string }) => j.id)).toContain(draft.body.id);
  });

  it('filters by fields and by alias-aware skills', async () => {
    await t.http.post(
      '/api/jobs',
      jobBody({
        title: 'K8s Platform',
        skills_required: ['k8s', 'Go'],
        work_mode: 'remote',
        department: 'Platform',
      }),
      {
        token: recruiter.accessToken,
      },
    );
    const bySkill = await t.http.get('/api/jobs', { query: { skills: 'Kubernetes' } });
    expect(bySkill.body.items.map((j: { title: string }) => j.title)).toEqual(['K8s Platform']);
    const byMode = await t.http.get('/api/jobs', {
      query: { work_mode: 'REMOTE', department: 'platform' },
    });
    expect(byMode.body.items).toHaveLength(1);
    const byLocation = await t.http.get('/api/jobs', { query: { location: 'berlin' } });
    expect(byLocation.body.items.length).toBeGreaterThan(0);
    const injection = await t.http.get('/api/jobs', {
      query: { location: "%' OR 1=1 --", q: "'; DROP TABLE jobs; --" },
    });
    expect(injection.status).toBe(200);
    expect(injection.body.items).toEqual([]);
  });

  it('ranks search results by relevance (title beats description)', async () => {
    const inTitle = await t.http.post(
      '/api/jobs',
      jobBody({
        title: 'Rust Systems Engineer',
        description: 'Low level work.',
        skills_required: [],
      }),
      {
        token: recruiter.accessToken,
      },
    );
    const inSkills = await t.http.post(
      '/api/jobs',
      jobBody({ title: 'Platform Engineer', description: 'Infra.', skills_required: ['Rust'] }),
      {
        token: recruiter.accessToken,
      },
    );
    const inDescription = await t.http.post(
      '/api/jobs',
      jobBody({
        title: 'Generalist',
        description: 'Some Rust exposure is a plus.',
        skills_required: [],
      }),
      { token: recruiter.accessToken },
    );
    const res = await t.http.get('/api/jobs/search', { query: { q: 'rust' } });
    expect(res.status).toBe(200);
    expect(res.body.items.map((j: { id: string }) => j.id)).toEqual([
      inTitle.body.id,
      inSkills.body.id,
      inDescription.body.id,
    ]);
    expect(res.body.items[0].relevance).toBeGreaterThan(res.body.items[2].relevance);
  });

  it('keeps search in step with edits, status changes and deletion', async () => {
    const staff = { token: recruiter.accessToken };
    const ids = async (query: Record<string, string>, as?: { token: string }) =>
      (await t.http.get('/api/jobs/search', { query, ...as })).body.items.map(
        (j: { id: string }) => j.id,
      );
    const job = await t.http.post('/api/jobs', jobBody({ title: 'Zephyrite Engineer' }), staff);
    const id = job.body.id as string;
    expect(await ids({ q: 'zephyrite' })).toEqual([id]);

    await t.http.patch(`/api/jobs/${id}`, { title: 'Quartzite Engineer' }, staff);
    expect(await ids({ q: 'zephyrite' })).toEqual([]);
    expect(await ids({ q: 'quartzite' })).toEqual([id]);
    // Filters on the job's own columns join the search rows to jobs.
    expect(await ids({ q: 'quartzite', work_mode: 'hybrid', skills: 'postgresql' })).toEqual([id]);
    expect(await ids({ q: 'quartzite', work_mode: 'remote' })).toEqual([]);

    await t.http.patch(`/api/jobs/${id}`, { status: 'Closed' }, staff);
    expect(await ids({ q: 'quartzite' })).toEqual([]);
    expect(await ids({ q: 'quartzite' }, { token: candidate.accessToken })).toEqual([]);
    expect(await ids({ q: 'quartzite' }, staff)).toEqual([id]);
    expect(await ids({ q: 'quartzite', status: 'Closed' }, staff)).toEqual([id]);
    expect(await ids({ q: 'quartzite', status: 'Open' }, staff)).toEqual([]);

    // The search copy goes with the job; the copies of all jobs match the jobs themselves.
    expect((await t.http.delete(`/api/jobs/${id}`, staff)).status).toBe(200);
    expect(await ids({ q: 'quartzite' }, staff)).toEqual([]);
    const drift = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM jobs j FULL JOIN job_search s ON s.job_id = j.id
        WHERE s.job_id IS NULL OR j.id IS NULL OR s.search_vector <> j.search_vector
           OR s.status <> j.status OR s.archived <> (j.archived_at IS NOT NULL)`,
    );
    expect(drift[0].n).toBe(0);
  });

  it('pages through ranked search results without repeats or gaps', async () => {
    const staff = { token: recruiter.accessToken };
    const made = new Set<string>();
    const bodies = [
      { title: 'Glacierite Lead', description: 'Glacierite glacierite team.' },
      { title: 'Glacierite Analyst', description: 'Reports.' },
      { title: 'Analyst', description: 'Some glacierite work.', skills_required: ['Glacierite'] },
      { title: 'Writer', description: 'Glacierite docs.' },
      { title: 'Tester', description: 'Mentions glacierite once.' },
    ];
    for (const body of bodies) {
      made.add((await t.http.post('/api/jobs', jobBody(body), staff)).body.id);
    }
    const seen: { id: string; relevance: number }[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.http.get('/api/jobs/search', {
        query: { q: 'glacierite', limit: 2, cursor },
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.next_cursor ?? undefined;
    } while (cursor);
    expect(new Set(seen.map((j) => j.id))).toEqual(made);
    expect(seen).toHaveLength(made.size);
    const relevance = seen.map((j) => j.relevance);
    expect(relevance).toEqual([...relevance].sort((a, b) => b - a));
  });

  it('walks every row exactly once while rows are inserted between pages', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let inserted = 0;
    do {
      const page = await t.http.get('/api/jobs', { query: { limit: 3, cursor } });
      seen.push(...page.body.items.map((j: { id: string }) => j.id));
      cursor = page.body.next_cursor ?? undefined;
      if (inserted < 3) {
        await t.http.post('/api/jobs', jobBody({ title: `Inserted ${inserted++}` }), {
          token: recruiter.accessToken,
        });
      }
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await t.http.get('/api/jobs', { query: { limit: 100 } });
    const before = all.body.items
      .filter((j: { title: string }) => !j.title.startsWith('Inserted'))
      .map((j: { id: string }) => j.id);
    expect(seen).toEqual(expect.arrayContaining(before));
  });

  it('pages past jobs created within the same millisecond', async () => {
    const staff = { token: recruiter.accessToken };
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (await t.http.post('/api/jobs', jobBody({ department: 'Microsecond Desk' }), staff)).body
          .id,
      );
    }
    // Same millisecond, different microseconds: a cursor cut to milliseconds skipped two of them.
    for (const [i, id] of ids.entries()) {
      await t.dataSource.query(`UPDATE jobs SET created_at = $2::timestamptz WHERE id = $1`, [
        id,
        `2020-01-01T00:00:00.000${300 - i * 100}Z`,
      ]);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.http.get('/api/jobs', {
        query: { department: 'Microsecond Desk', limit: 1, cursor },
      });
      seen.push(...page.body.items.map((j: { id: string }) => j.id));
      expect(page.body.items[0]?.created_at ?? '2020-01-01T00:00:00.000Z').toBe(
        '2020-01-01T00:00:00.000Z',
      );
      cursor = page.body.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it('lets only the creator or an admin edit, with PUT and PATCH', async () => {
    const job = await t.http.post('/api/jobs', jobBody(), { token: recruiter.accessToken });
    const patch = await t.http.patch(
      `/api/jobs/${job.body.id}`,
      { title: 'Renamed', skills_required: ['Python'] },
      { token: recruiter.accessToken },
    );
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({
      title: 'Renamed',
      skills_required: ['Python'],
      company: 'Acme',
    });
    expect(
      (await t.http.get('/api/jobs', { query: { skills: 'python' } })).body.items.map(
        (j: { id: string }) => j.id,
      ),
    ).toContain(job.body.id);
    const put = await t.http.put(
      `/api/jobs/${job.body.id}`,
      { title: 'Replaced', description: 'New' },
      { token: recruiter.accessToken },
    );
    expect(put.body).toMatchObject({ title: 'Replaced', company: null, skills_required: [] });
    expect(
      (
        await t.http.patch(
          `/api/jobs/${job.body.id}`,
          { title: 'x' },
          { token: otherRecruiter.accessToken },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await t.http.patch(
          `/api/jobs/${job.body.id}`,
          { title: 'By admin' },
          { token: admin.accessToken },
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await t.http.patch(
          `/api/jobs/${job.body.id}`,
          { created_by: candidate.id },
          { token: admin.accessToken },
        )
      ).status,
    ).toBe(400);
  });

  it('deletes an empty job and archives one with applications', async () => {
    const empty = await t.http.post('/api/jobs', jobBody(), { token: recruiter.accessToken });
    const del = await t.http.delete(`/api/jobs/${empty.body.id}`, { token: recruiter.accessToken });
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ deleted: true, archived: false });
    expect(
      (await t.http.get(`/api/jobs/${empty.body.id}`, { token: recruiter.accessToken })).status,
    ).toBe(404);

    const busy = await t.http.post('/api/jobs', jobBody(), { token: recruiter.accessToken });
    const applied = await t.http.post(`/api/jobs/${busy.body.id}/applications`, {
      applicant_name: 'Kept Applicant',
      applicant_email: 'kept@example.com',
      consent_data_processing: true,
    });
    expect(applied.status).toBe(201);
    const archive = await t.http.delete(`/api/jobs/${busy.body.id}`, {
      token: recruiter.accessToken,
    });
    expect(archive.body).toMatchObject({ deleted: false, archived: true, status: 'Closed' });
    const still = await t.http.get(`/api/applications/${applied.body.id}`, {
      token: recruiter.accessToken,
    });
    expect(still.status).toBe(200);
    expect((await t.http.get(`/api/jobs/${busy.body.id}`)).status).toBe(404);
  });

  it('reports stats computed from the data', async () => {
    const res = await t.http.get('/api/jobs/stats', { token: recruiter.accessToken });
    expect(res.status).toBe(200);
    expect(res.body.jobs_by_status.Draft).toBeGreaterThanOrEqual(1);
    expect(res.body.total_applications).toBeGreaterThanOrEqual(1);
    expect(res.body.applications_per_stage).toEqual(
      expect.arrayContaining([expect.objectContaining({ stage: 'applied' })]),
    );
    expect((await t.http.get('/api/jobs/stats', { token: candidate.accessToken })).status).toBe(
      403,
    );
  });
});
