import { countersForDays, countersForRange } from '../src/pipeline/counters/pipeline-counters';
import { createStaff, loginAdmin, SignedIn, unique } from './support/factories';
import { DOCX_RESUME, uploadResume, yearsSince } from './support/resume-uploads';
import { createTestApp, TestApp } from './support/test-app';

// Issue 14.9: small correctness items, one test each.
describe('Correctness items of issue 14 (e2e)', () => {
  let t: TestApp;
  let recruiter: SignedIn;
  const as = () => ({ token: recruiter.accessToken });

  beforeAll(async () => {
    t = await createTestApp();
    recruiter = await createStaff(t.http, await loginAdmin(t.http), 'recruiter');
  });

  afterAll(() => t.close());

  async function createJob(body: Record<string, unknown> = {}): Promise<string> {
    const res = await t.http.post(
      '/api/jobs',
      { title: 'Backend Engineer', description: 'APIs in TypeScript.', ...body },
      as(),
    );
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function apply(jobId: string, extra: Record<string, unknown> = {}) {
    const res = await t.http.post(`/api/jobs/${jobId}/applications`, {
      applicant_name: 'Robin Quill',
      applicant_email: `${unique('robin')}@example.com`,
      consent_data_processing: true,
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body as Record<string, any>;
  }

  async function storedTimes(id: string) {
    const [row] = await t.dataSource.query<
      { applied_at: Date; created_at: Date; updated_at: Date }[]
    >('SELECT applied_at, created_at, updated_at FROM applications WHERE id = $1', [id]);
    return row;
  }

  it('14.9a: an application is never updated before it was applied', async () => {
    const jobId = await createJob();
    const plain = await apply(jobId);
    expect(Date.parse(plain.updated_at)).toBeGreaterThanOrEqual(Date.parse(plain.applied_at));
    const stored = await storedTimes(plain.id);
    expect(stored.updated_at.getTime()).toBeGreaterThanOrEqual(stored.applied_at.getTime());
    expect(stored.created_at.getTime()).toBe(stored.applied_at.getTime());

    // Also when the same transaction fills fields from an already-parsed résumé.
    const upload = await uploadResume(t, DOCX_RESUME, 'cv.docx');
    expect(upload.body.parsing_status).toBe('parsed');
    const withResume = await apply(jobId, { resume_id: upload.body.resume_id });
    const filled = await storedTimes(withResume.id);
    expect(filled.updated_at.getTime()).toBeGreaterThanOrEqual(filled.applied_at.getTime());

    const moved = await t.http.post(
      '/api/ats/move-stage',
      { application_id: plain.id, to_stage: 'screening' },
      as(),
    );
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.body.updated_at)).toBeGreaterThanOrEqual(
      Date.parse(moved.body.applied_at),
    );
  });

  it('14.9b: parsed résumé fields reach the application without overwriting typed ones', async () => {
    const jobId = await createJob();
    const years = yearsSince(2019, 1);

    // An upload parsed before applying: copied at once.
    const parsedFirst = await uploadResume(t, DOCX_RESUME, 'cv.docx');
    const fromParsed = await apply(jobId, { resume_id: parsedFirst.body.resume_id });
    expect(fromParsed).toMatchObject({
      experience_years: years,
      current_company: 'Fabrikam',
      current_position: 'Backend Engineer',
    });

    // What the applicant typed stays; only the empty field is filled.
    const typedFirst = await uploadResume(t, DOCX_RESUME, 'cv.docx');
    const typed = await apply(jobId, {
      resume_id: typedFirst.body.resume_id,
      experience_years: 3,
      current_company: 'Contoso',
    });
    expect(typed).toMatchObject({
      experience_years: 3,
      current_company: 'Contoso',
      current_position: 'Backend Engineer',
    });

    // A résumé sent with the application is parsed by the queue job, which fills the fields then.
    const form = new FormData();
    form.append('applicant_name', 'Jordan Lee');
    form.append('applicant_email', `${unique('jordan')}@example.com`);
    form.append('consent_data_processing', 'true');
    form.append('resume', new Blob([new Uint8Array(DOCX_RESUME)]), 'cv.docx');
    const multipart = await t.http.post(`/api/jobs/${jobId}/applications`, undefined, {
      raw: form,
    });
    expect(multipart.status).toBe(201);
    expect(multipart.body.experience_years).toBeNull();
    let application: Record<string, unknown> = multipart.body;
    const deadline = Date.now() + 45_000;
    while (application.experience_years === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      application = (await t.http.get(`/api/applications/${multipart.body.id}`, as())).body;
    }
    expect(application).toMatchObject({
      experience_years: years,
      current_company: 'Fabrikam',
      current_position: 'Backend Engineer',
    });
    expect(Date.parse(application.updated_at as string)).toBeGreaterThanOrEqual(
      Date.parse(application.applied_at as string),
    );

    // Stored like every other write of these fields: encrypted, with no plaintext copy.
    const [stored] = await t.dataSource.query<Record<string, string | null>[]>(
      `SELECT current_company, current_position, current_company_encrypted, current_position_encrypted
         FROM applications WHERE id = $1`,
      [multipart.body.id],
    );
    expect(stored.current_company).toBeNull();
    expect(stored.current_position).toBeNull();
    expect(stored.current_company_encrypted).toEqual(expect.any(String));
    expect(JSON.stringify(stored)).not.toContain('Fabrikam');

    // The board's cards read the same columns.
    const board = await t.http.get('/api/ats/pipeline', { ...as(), query: { job_id: jobId } });
    const cards = board.body.stages.flatMap((s: { applications: unknown[] }) => s.applications);
    expect(cards).toContainEqual(
      expect.objectContaining({ id: multipart.body.id, experience_years: years }),
    );
  });

  it("14.9c: scope=all keeps the job's own applicants without talent-pool consent", async () => {
    const skills = ['Kubernetes', 'Go'];
    const jobId = await createJob({ skills_required: skills });
    const otherJobId = await createJob({ skills_required: skills });
    const noConsent = await apply(jobId, { skills, consent_talent_pool: false });
    const pooled = await apply(otherJobId, { skills, consent_talent_pool: true });
    const elsewhereOnly = await apply(otherJobId, { skills, consent_talent_pool: false });

    const match = async (job: string) =>
      (
        await t.http.get('/api/candidates/matching', {
          ...as(),
          query: { job_id: job, scope: 'all' },
        })
      ).body as { candidate_id: string; application_id: string | null }[];
    const forJob = await match(jobId);
    expect(forJob).toContainEqual(
      expect.objectContaining({
        candidate_id: noConsent.candidate_id,
        application_id: noConsent.id,
      }),
    );
    expect(forJob).toContainEqual(
      expect.objectContaining({ candidate_id: pooled.candidate_id, application_id: null }),
    );
    // Someone who applied elsewhere without consent stays out of this job's search.
    expect(forJob.map((m) => m.candidate_id)).not.toContain(elsewhereOnly.candidate_id);
    // And the first applicant, without consent, stays out of the other job's.
    expect((await match(otherJobId)).map((m) => m.candidate_id)).not.toContain(
      noConsent.candidate_id,
    );
  });

  it('14.9d: conversion counts applications that reached or passed a stage', async () => {
    const jobId = await createJob();
    const hiredDirectly = await apply(jobId);
    const screenedOut = await apply(jobId);
    const hire = await t.http.post(`/api/applications/${hiredDirectly.id}/hire`, {}, as());
    expect(hire.status).toBe(200);
    const moved = await t.http.post(
      '/api/ats/move-stage',
      { application_id: screenedOut.id, to_stage: 'screening' },
      as(),
    );
    expect(moved.status).toBe(200);
    const rejected = await t.http.post(
      `/api/applications/${screenedOut.id}/reject`,
      { rejection_reason: 'Not a fit' },
      as(),
    );
    expect(rejected.status).toBe(200);

    const analytics = await t.http.get('/api/ats/analytics', { ...as(), query: { job_id: jobId } });
    expect(analytics.status).toBe(200);
    expect(analytics.body.conversion).toEqual([
      { from_stage: 'applied', to_stage: 'screening', reached_from: 2, reached_to: 2, rate: 1 },
      { from_stage: 'screening', to_stage: 'interview', reached_from: 2, reached_to: 1, rate: 0.5 },
      { from_stage: 'interview', to_stage: 'offer', reached_from: 1, reached_to: 1, rate: 1 },
      { from_stage: 'offer', to_stage: 'hired', reached_from: 1, reached_to: 1, rate: 1 },
    ]);

    // The counters kept on every move equal a recount from the history.
    const summed = (rows: { metric: string; k1: string; n: number }[]) =>
      rows
        .filter((r) => r.metric === 'passed')
        .map((r) => `${r.k1}=${r.n}`)
        .sort();
    const live = summed(await countersForDays(t.dataSource.manager, jobId, null, null));
    const recount = summed(
      await countersForRange(
        t.dataSource.manager,
        jobId,
        new Date('2000-01-01'),
        new Date('2100-01-01'),
      ),
    );
    expect(live).toEqual(['applied=2', 'hired=1', 'interview=1', 'offer=1', 'screening=2']);
    expect(recount).toEqual(live);
  });

  it('14.9e: multi-word search ranks jobs matching every word first, then any word', async () => {
    const both = await createJob({
      title: 'Glaciology Botanist',
      description: 'Field work on alpine plants.',
    });
    const first = await createJob({ title: 'Glaciology Analyst', description: 'Ice cores.' });
    const second = await createJob({ title: 'Field Botanist', description: 'Herbarium care.' });
    await createJob({ title: 'Gardener', description: 'Parks and lawns.' });

    const search = (q: string, extra: Record<string, string | number> = {}) =>
      t.http.get('/api/jobs/search', { query: { q, ...extra } });
    const res = await search('glaciology botanist');
    expect(res.status).toBe(200);
    const ids = res.body.items.map((j: { id: string }) => j.id);
    expect(ids[0]).toBe(both);
    expect(ids.slice(1).sort()).toEqual([first, second].sort());
    expect(res.body.items[0].relevance).toBeGreaterThanOrEqual(1);
    expect(res.body.items[1].relevance).toBeLessThan(1);

    // When no job has every word, the partial matches still come back.
    const partial = await search('glaciology herbarium');
    expect(partial.body.items.map((j: { id: string }) => j.id).sort()).toEqual(
      [both, first, second].sort(),
    );
    expect(partial.body.items.every((j: { relevance: number }) => j.relevance < 1)).toBe(true);

    // Paging crosses from the every-word tier to the some-words tier without repeats or gaps.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search('glaciology botanist', { limit: 1, ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((j: { id: string }) => j.id));
      cursor = page.body.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ids);

    // Exclusions still exclude, in both tiers.
    const excluding = await search('glaciology botanist -herbarium');
    expect(excluding.body.items.map((j: { id: string }) => j.id)).toEqual([both, first]);
  });
});
