import { createStaff, loginAdmin, signupCandidate, SignedIn, unique } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

describe('Applications and candidates (e2e)', () => {
  let t: TestApp;
  let recruiter: SignedIn;
  let jobId: string;

  const apply = (job: string, body: Record<string, unknown>, token?: string) =>
    t.http.post(
      `/api/jobs/${job}/applications`,
      { consent_data_processing: true, ...body },
      { token },
    );

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    const job = await t.http.post(
      '/api/jobs',
      {
        title: 'Data Engineer',
        description: 'Pipelines',
        skills_required: ['Python', 'Spark'],
        location: 'Lisbon',
      },
      { token: recruiter.accessToken },
    );
    jobId = job.body.id;
  });

  afterAll(() => t.close());

  it('accepts an anonymous application with the contract shape', async () => {
    const res = await apply(jobId, {
      applicant_name: 'Grace Hopper',
      applicant_email: 'grace@example.com',
      applicant_phone: '+1 555 0100',
      cover_letter: 'I like compilers.',
      experience_years: 7,
      current_company: 'Navy',
      current_position: 'Rear Admiral',
      expected_salary: '120000',
      availability: 'Immediately',
      source: 'referral',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      job_id: jobId,
      candidate_id: expect.any(String),
      applicant_name: 'Grace Hopper',
      applicant_email: 'grace@example.com',
      status: 'Applied',
      stage: 'applied',
      source: 'referral',
      experience_years: 7,
      resume_id: null,
    });
  });

  it('requires consent_data_processing: true', async () => {
    const res = await t.http.post(`/api/jobs/${jobId}/applications`, {
      applicant_name: 'No Consent',
      applicant_email: 'noconsent@example.com',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'consent_data_processing' })]),
    );
  });

  it('treats differently-cased e-mails as one person: second application → 409', async () => {
    const first = await apply(jobId, {
      applicant_name: 'Ada',
      applicant_email: 'Ada.Dup@Example.com ',
    });
    expect(first.status).toBe(201);
    const second = await apply(jobId, {
      applicant_name: 'Ada',
      applicant_email: 'ada.dup@example.com',
    });
    expect(second.status).toBe(409);
    const viaAlias = await t.http.post('/api/job/apply', {
      job_id: jobId,
      applicant_name: 'Ada',
      applicant_email: 'ADA.DUP@example.com',
      consent_data_processing: true,
    });
    expect(viaAlias.status).toBe(409);
  });

  it('refuses applications to jobs that are not Open (409) and unknown jobs (404)', async () => {
    const draft = await t.http.post(
      '/api/jobs',
      { title: 'Later', description: 'Soon', status: 'Draft' },
      { token: recruiter.accessToken },
    );
    expect(
      (await apply(draft.body.id, { applicant_name: 'X', applicant_email: 'x-draft@example.com' }))
        .status,
    ).toBe(409);
    expect(
      (
        await apply('00000000-0000-4000-8000-000000000000', {
          applicant_name: 'X',
          applicant_email: 'x@example.com',
        })
      ).status,
    ).toBe(404);
  });

  it('links a signed-in candidate and keeps their data private from others (404)', async () => {
    const alice = await signupCandidate(t.http);
    const bob = await signupCandidate(t.http);
    const res = await apply(
      jobId,
      { applicant_name: 'Alice', applicant_email: alice.email },
      alice.accessToken,
    );
    expect(res.status).toBe(201);
    const mine = await t.http.get('/api/applications/me', { token: alice.accessToken });
    expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
    expect(
      (await t.http.get('/api/applications/me', { token: bob.accessToken })).body.items,
    ).toEqual([]);

    const check = await t.http.get(`/api/job/${jobId}/check-application`, {
      token: alice.accessToken,
    });
    expect(check.body).toEqual({ applied: true, application_id: res.body.id, status: 'Applied' });
    expect(
      (await t.http.get(`/api/job/${jobId}/check-application`, { token: bob.accessToken })).body,
    ).toEqual({ applied: false });

    expect(
      (await t.http.get(`/api/applications/${res.body.id}`, { token: alice.accessToken })).status,
    ).toBe(200);
    const peek = await t.http.get(`/api/applications/${res.body.id}`, { token: bob.accessToken });
    expect(peek.status).toBe(404);
    expect(peek.text).not.toContain('Alice');
    expect(
      (
        await t.http.post(
          `/api/applications/${res.body.id}/withdraw`,
          {},
          { token: bob.accessToken },
        )
      ).status,
    ).toBe(404);

    const withdrawn = await t.http.post(
      `/api/applications/${res.body.id}/withdraw`,
      {},
      { token: alice.accessToken },
    );
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'Withdrawn', stage: 'withdrawn' });
    expect(
      (
        await t.http.post(
          `/api/applications/${res.body.id}/withdraw`,
          {},
          { token: alice.accessToken },
        )
      ).status,
    ).toBe(409);
  });

  it('lists applications for recruiters with stage, status and text filters', async () => {
    const email = `${unique('filter')}@example.com`;
    const created = await apply(jobId, {
      applicant_name: 'Filterable Person',
      applicant_email: email,
      current_position: 'Staff Data Wrangler',
    });
    const moved = await t.http.put(
      `/api/applications/${created.body.id}/status`,
      { status: 'Under Review' },
      { token: recruiter.accessToken },
    );
    expect(moved.body).toMatchObject({ status: 'Under Review', stage: 'screening' });

    const byStage = await t.http.get(`/api/jobs/${jobId}/applications`, {
      token: recruiter.accessToken,
      query: { stage: 'screening' },
    });
    expect(byStage.body.items.map((a: { id: string }) => a.id)).toEqual([created.body.id]);
    const byStatus = await t.http.get(`/api/job/${jobId}/applications`, {
      token: recruiter.accessToken,
      query: { status: 'Under Review' },
    });
    expect(byStatus.body.items).toHaveLength(1);
    for (const q of [email.toUpperCase(), 'filterable', 'Data Wrangler']) {
      const res = await t.http.get(`/api/jobs/${jobId}/applications`, {
        token: recruiter.accessToken,
        query: { q },
      });
      expect(res.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
    }
    const candidate = await signupCandidate(t.http);
    expect(
      (await t.http.get(`/api/jobs/${jobId}/applications`, { token: candidate.accessToken }))
        .status,
    ).toBe(403);
  });

  it('sets status through the candidate route and requires a reason to reject', async () => {
    const created = await apply(jobId, {
      applicant_name: 'Status Person',
      applicant_email: `${unique('st')}@example.com`,
    });
    const candidateId = created.body.candidate_id;
    const noReason = await t.http.put(
      `/api/candidates/${candidateId}/status`,
      { status: 'Rejected' },
      { token: recruiter.accessToken },
    );
    expect(noReason.status).toBe(400);
    const rejected = await t.http.put(
      `/api/candidates/${candidateId}/status`,
      { status: 'Rejected', reason: 'Not enough Spark', application_id: created.body.id },
      { token: recruiter.accessToken },
    );
    expect(rejected.body).toMatchObject({ status: 'Rejected', stage: 'rejected' });
    const stuck = await t.http.put(
      `/api/applications/${created.body.id}/status`,
      { status: 'Under Review' },
      { token: recruiter.accessToken },
    );
    expect(stuck.status).toBe(409);
    expect(
      (
        await t.http.put(
          `/api/applications/${created.body.id}/status`,
          { status: 'Hired' },
          { token: recruiter.accessToken },
        )
      ).status,
    ).toBe(400);
  });

  it('searches candidates and shows a full profile (audited)', async () => {
    const email = `${unique('prof')}@example.com`;
    const created = await apply(jobId, {
      applicant_name: 'Profile Person',
      applicant_email: email,
      skills: ['spark', 'Python'],
    });
    const list = await t.http.get('/api/candidates', {
      token: recruiter.accessToken,
      query: { skills: 'Apache Spark' },
    });
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(created.body.candidate_id);
    const byName = await t.http.get('/api/candidates', {
      token: recruiter.accessToken,
      query: { q: 'profile', job_id: jobId },
    });
    expect(byName.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.candidate_id]);
    const profile = await t.http.get(`/api/candidates/${created.body.candidate_id}`, {
      token: recruiter.accessToken,
    });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({
      email,
      full_name: 'Profile Person',
      applications: [expect.objectContaining({ id: created.body.id })],
    });
    const audited = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'candidate.profile_viewed' AND target_id = $1`,
      [created.body.candidate_id],
    );
    expect(audited[0].n).toBe(1);
  });

  it('records a data_processing consent row and stores contact data encrypted', async () => {
    const email = `${unique('enc')}@privacy.example`;
    const created = await apply(jobId, {
      applicant_name: 'Quentin Zephyrine',
      applicant_email: email,
      applicant_phone: '+1 555 0199 4242',
    });
    const consent = await t.dataSource.query<{ purpose: string; granted: boolean }[]>(
      'SELECT purpose, granted FROM consents WHERE candidate_id = $1',
      [created.body.candidate_id],
    );
    expect(consent).toEqual([{ purpose: 'data_processing', granted: true }]);
    const dump = await t.dataSource.query<{ row: string }[]>(
      `SELECT row_to_json(x)::text AS row FROM (SELECT * FROM applications UNION ALL SELECT * FROM applications WHERE false) x
       UNION ALL SELECT row_to_json(c)::text FROM candidates c`,
    );
    const text = dump.map((r) => r.row).join('\n');
    for (const secret of [email, 'Zephyrine', '0199 4242']) {
      expect(text).not.toContain(secret);
    }
  });
});
