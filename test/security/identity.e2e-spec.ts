import { CandidateIdentityService } from '../../src/candidates/candidate-identity.service';
import { Candidate } from '../../src/candidates/entities/candidate.entity';
import { createStaff, loginAdmin, signupCandidate, SignedIn, unique } from '../support/factories';
import { uploadResume } from '../support/resume-uploads';
import { createTestApp, TestApp } from '../support/test-app';

// Issue #13, identity: an address typed by someone is never proof that they own it.
describe('Identity: accounts, applications and sign-in (e2e)', () => {
  let t: TestApp;
  let recruiter: SignedIn;
  let jobs: string[];

  const apply = (job: string, body: Record<string, unknown>, token?: string) =>
    t.http.post(
      `/api/jobs/${job}/applications`,
      { consent_data_processing: true, ...body },
      { token },
    );

  const resumeText = (name: string, skill: string) =>
    Buffer.from(
      `${name}\n${name.toLowerCase().replace(/\W+/g, '.')}@example.org\n\nExperience\nEngineer, Contoso\tJan 2020 – Present\n\nSkills\n${skill}\n`,
    );

  const applyWithResume = (job: string, fields: Record<string, string>, resume: Buffer) => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ consent_data_processing: 'true', ...fields })) {
      form.append(key, value);
    }
    form.append('resume', new Blob([new Uint8Array(resume)], { type: 'text/plain' }), 'cv.txt');
    return t.http.post(`/api/jobs/${job}/applications`, undefined, { raw: form });
  };

  // Read through the entity: location and current company are encrypted columns.
  const candidateRow = async (id: string) => {
    const c = await t.dataSource.getRepository(Candidate).findOneByOrFail({ id });
    return {
      user_id: c.userId,
      location: c.location,
      skills: c.skills,
      latest_resume_id: c.latestResumeId,
      talent_pool: c.talentPool,
      current_company: c.currentCompany,
    };
  };

  const consents = async (candidateId: string) =>
    t.dataSource.query<{ purpose: string; granted: boolean }[]>(
      'SELECT purpose, granted FROM consents WHERE candidate_id = $1 ORDER BY recorded_at, id',
      [candidateId],
    );

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    jobs = [];
    for (const title of ['Platform Engineer', 'Data Engineer', 'SRE', 'QA Engineer']) {
      const job = await t.http.post(
        '/api/jobs',
        { title, description: 'Build things', skills_required: ['Go'] },
        { token: recruiter.accessToken },
      );
      jobs.push(job.body.id);
    }
  });

  afterAll(() => t.close());

  describe('#13.1 sign-up never takes over earlier applications', () => {
    it('#13.1 a new account never claims an earlier applicant record', async () => {
      const email = `${unique('victim_')}@example.com`;
      const victim = await applyWithResume(
        jobs[0],
        {
          applicant_name: 'Vera Victim',
          applicant_email: email,
          applicant_phone: '+1 555 0142',
          cover_letter: 'Private cover letter',
        },
        resumeText('Vera Victim', 'Kubernetes'),
      );
      expect(victim.status).toBe(201);

      const intruder = await signupCandidate(t.http, { email });
      // The first candidate route an account calls used to link it to the earlier record.
      const consent = await t.http.post(
        '/api/gdpr/consent',
        { purpose: 'marketing', granted: true, policy_version: '2026-01' },
        { token: intruder.accessToken },
      );
      expect(consent.status).toBe(201);

      const mine = await t.http.get('/api/applications/me', { token: intruder.accessToken });
      expect(mine.status).toBe(200);
      expect(mine.body.items).toEqual([]);
      for (const path of [
        `/api/applications/${victim.body.id}`,
        `/api/resumes/${victim.body.resume_id}`,
        `/api/resume/download/${victim.body.resume_id}`,
      ]) {
        expect((await t.http.get(path, { token: intruder.accessToken })).status).toBe(404);
      }
      expect(
        (await t.http.get(`/api/job/${jobs[0]}/check-application`, { token: intruder.accessToken }))
          .body,
      ).toEqual({ applied: false });
      const overview = await t.http.get('/api/gdpr/consent', { token: intruder.accessToken });
      expect(overview.body.history).toHaveLength(1);

      // The earlier record stays unclaimed; the account has one of its own.
      expect((await candidateRow(victim.body.candidate_id)).user_id).toBeNull();
      const [own] = await t.dataSource.query<{ id: string }[]>(
        'SELECT id FROM candidates WHERE user_id = $1',
        [intruder.id],
      );
      expect(own.id).not.toBe(victim.body.candidate_id);
      expect(await consents(victim.body.candidate_id)).not.toContainEqual(
        expect.objectContaining({ purpose: 'marketing' }),
      );
    });

    it('#13.1 no first route of a new account (upload, practice, apply) links the earlier record', async () => {
      const routes: ((account: SignedIn) => Promise<{ status: number }>)[] = [
        (a) =>
          uploadResume(t, resumeText('Ivy Intruder', 'Rust'), 'cv.txt', { token: a.accessToken }),
        (a) =>
          t.http.post(
            '/api/interviews/practice',
            { track: 'Go backend' },
            { token: a.accessToken },
          ),
        (a) => apply(jobs[1], { applicant_name: 'Ivy', applicant_email: a.email }, a.accessToken),
      ];
      for (const route of routes) {
        const email = `${unique('earlier_')}@example.com`;
        const earlier = await apply(jobs[0], {
          applicant_name: 'Earl Earlier',
          applicant_email: email,
          cover_letter: 'Mine',
        });
        expect(earlier.status).toBe(201);
        const account = await signupCandidate(t.http, { email });
        expect([200, 201]).toContain((await route(account)).status);
        expect((await candidateRow(earlier.body.candidate_id)).user_id).toBeNull();
        const mine = await t.http.get('/api/applications/me', { token: account.accessToken });
        expect(mine.body.items.map((a: { id: string }) => a.id)).not.toContain(earlier.body.id);
      }
    });

    it('#13.1 an anonymous application made after sign-up never reaches the account', async () => {
      const account = await signupCandidate(t.http);
      // The account's own record exists (first candidate route), with the same address.
      await t.http.post(
        '/api/gdpr/consent',
        { purpose: 'marketing', granted: false, policy_version: '2026-01' },
        { token: account.accessToken },
      );
      const later = await apply(jobs[2], {
        applicant_name: 'Real Owner',
        applicant_email: account.email,
        cover_letter: 'Not for the account holder',
      });
      expect(later.status).toBe(201);
      expect(
        (await t.http.get(`/api/applications/${later.body.id}`, { token: account.accessToken }))
          .status,
      ).toBe(404);
      expect(
        (await t.http.get('/api/applications/me', { token: account.accessToken })).body.items,
      ).toEqual([]);
    });

    it('#13.1 links an account to the earlier record only through a verified address', async () => {
      const email = `${unique('verified_')}@example.com`;
      const earlier = await apply(jobs[0], { applicant_name: 'Vic', applicant_email: email });
      const account = await signupCandidate(t.http, { email });
      const identity = t.app.get(CandidateIdentityService);
      const link = (emailVerified: boolean) =>
        t.dataSource.transaction((manager) =>
          identity.linkVerifiedAccount(manager, { userId: account.id, email, emailVerified }),
        );
      expect(await link(false)).toBeNull();
      expect((await candidateRow(earlier.body.candidate_id)).user_id).toBeNull();
      expect((await link(true))?.id).toBe(earlier.body.candidate_id);
      expect((await candidateRow(earlier.body.candidate_id)).user_id).toBe(account.id);
    });
  });

  describe('#13.2 anonymous applications never write into a person’s record', () => {
    it('#13.2 an anonymous application with a registered candidate’s e-mail leaves their profile, consent and résumé alone', async () => {
      const alice = await signupCandidate(t.http, { full_name: 'Alice Account' });
      const upload = await uploadResume(t, resumeText('Alice Account', 'Haskell'), 'cv.txt', {
        token: alice.accessToken,
      });
      expect(upload.status).toBe(201);
      const own = await apply(
        jobs[0],
        {
          applicant_name: 'Alice Account',
          applicant_email: alice.email,
          location: 'Porto',
          current_company: 'Fabrikam',
          consent_talent_pool: false,
          resume_id: upload.body.resume_id,
        },
        alice.accessToken,
      );
      expect(own.status).toBe(201);
      const aliceId = own.body.candidate_id;
      const before = await candidateRow(aliceId);
      const consentsBefore = await consents(aliceId);
      const profileBefore = await t.http.get(`/api/candidates/${aliceId}`, {
        token: recruiter.accessToken,
      });

      const forged = await applyWithResume(
        jobs[1],
        {
          applicant_name: 'Mallory Forger',
          applicant_email: alice.email.toUpperCase(),
          applicant_phone: '+1 555 0666',
          location: 'Nowhere',
          current_company: 'Evil Corp',
          skills: 'Phishing',
          consent_talent_pool: 'true',
        },
        resumeText('Mallory Forger', 'Phishing'),
      );
      expect(forged.status).toBe(201);
      // The recruiter sees that application as it was submitted, on a record of its own.
      expect(forged.body).toMatchObject({
        applicant_name: 'Mallory Forger',
        applicant_email: alice.email.toLowerCase(),
        applicant_phone: '+1 555 0666',
        current_company: 'Evil Corp',
      });
      expect(forged.body.candidate_id).not.toBe(aliceId);
      const listed = await t.http.get(`/api/jobs/${jobs[1]}/applications`, {
        token: recruiter.accessToken,
      });
      expect(listed.body.items).toContainEqual(
        expect.objectContaining({ id: forged.body.id, applicant_name: 'Mallory Forger' }),
      );

      await waitForResumeSettled(forged.body.resume_id);
      expect(await candidateRow(aliceId)).toEqual(before);
      expect(before).toMatchObject({ talent_pool: false, location: 'Porto' });
      expect(await consents(aliceId)).toEqual(consentsBefore);
      const profileAfter = await t.http.get(`/api/candidates/${aliceId}`, {
        token: recruiter.accessToken,
      });
      expect(profileAfter.body.applications).toEqual(profileBefore.body.applications);
      expect(profileAfter.body.resumes).toEqual(profileBefore.body.resumes);
      const mine = await t.http.get('/api/applications/me', { token: alice.accessToken });
      expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([own.body.id]);
      const latest = await t.http.get('/api/me/resume', { token: alice.accessToken });
      expect(latest.body.resume_id ?? latest.body.id).toBe(upload.body.resume_id);
    });

    it('#13.2 a later anonymous application does not rewrite the record an earlier one created', async () => {
      const email = `${unique('first_')}@example.com`;
      const first = await apply(jobs[0], {
        applicant_name: 'Fiona First',
        applicant_email: email,
        location: 'Lyon',
        skills: ['Go'],
        consent_talent_pool: false,
      });
      expect(first.status).toBe(201);
      const before = await candidateRow(first.body.candidate_id);
      const consentsBefore = await consents(first.body.candidate_id);
      const second = await apply(jobs[1], {
        applicant_name: 'Someone Else',
        applicant_email: email,
        location: 'Elsewhere',
        skills: ['Spam'],
        consent_talent_pool: true,
      });
      expect(second.status).toBe(201);
      expect(second.body.applicant_name).toBe('Someone Else');
      expect(await candidateRow(first.body.candidate_id)).toEqual(before);
      expect(await consents(first.body.candidate_id)).toEqual(consentsBefore);
    });

    it('#13.2 keeps "same e-mail on the same job twice → 409" across account and anonymous applications', async () => {
      const bob = await signupCandidate(t.http);
      expect(
        (
          await apply(
            jobs[3],
            { applicant_name: 'Bob', applicant_email: bob.email },
            bob.accessToken,
          )
        ).status,
      ).toBe(201);
      expect(
        (await apply(jobs[3], { applicant_name: 'Not Bob', applicant_email: bob.email })).status,
      ).toBe(409);
      const alias = await t.http.post('/api/job/apply', {
        job_id: jobs[3],
        applicant_name: 'Not Bob',
        applicant_email: bob.email.toUpperCase(),
        consent_data_processing: true,
      });
      expect(alias.status).toBe(409);

      const email = `${unique('anon_first_')}@example.com`;
      expect(
        (await apply(jobs[3], { applicant_name: 'Anon', applicant_email: email })).status,
      ).toBe(201);
      const later = await signupCandidate(t.http, { email });
      expect(
        (
          await apply(
            jobs[3],
            { applicant_name: 'Later', applicant_email: email },
            later.accessToken,
          )
        ).status,
      ).toBe(409);
    });
  });

  describe('#13.3 login lockout counts per account, not per spelling', () => {
    it('#13.3 username and e-mail of one account share one failure budget', async () => {
      const limit = 10; // LOGIN_RATE_LIMIT default
      const carol = await signupCandidate(t.http);
      const tries = async (identifier: string, n: number) => {
        const statuses: number[] = [];
        for (let i = 0; i < n; i++) {
          statuses.push(
            (await t.http.post('/api/auth/login', { username: identifier, password: `wrong-${i}` }))
              .status,
          );
        }
        return statuses;
      };
      expect(await tries(carol.username, limit / 2)).toEqual(Array(limit / 2).fill(401));
      expect(await tries(carol.email.toUpperCase(), limit / 2)).toEqual(Array(limit / 2).fill(401));
      const blocked = await t.http.post('/api/auth/login', {
        email: carol.email,
        password: carol.password,
      });
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await tries(carol.username, 1))[0]).toBe(429);
    });

    it('#13.3 guesses at the current password (change-password) spend the same account budget', async () => {
      const erin = await signupCandidate(t.http);
      const change = (current: string) =>
        t.http.post(
          '/api/auth/change-password',
          { current_password: current, new_password: 'granite-meadow-lantern-71' },
          { token: erin.accessToken },
        );
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) {
        statuses.push((await change(`guess-${i}`)).status);
      }
      expect(statuses).toEqual(Array(10).fill(400));
      const blocked = await change(erin.password);
      expect(blocked.status).toBe(429);
      expect(
        (await t.http.post('/api/auth/login', { username: erin.username, password: erin.password }))
          .status,
      ).toBe(429);
    });

    it('#13.3 still limits guesses at an unknown name, and answers it like a wrong password', async () => {
      const ghost = unique('ghost_');
      const statuses: number[] = [];
      let firstUnknown: { title?: string; detail?: string } | undefined;
      for (let i = 0; i < 11; i++) {
        const res = await t.http.post('/api/auth/login', { username: ghost, password: 'x' });
        statuses.push(res.status);
        firstUnknown ??= res.body;
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses[10]).toBe(429);
      const dave = await signupCandidate(t.http);
      const wrong = await t.http.post('/api/auth/login', {
        username: dave.username,
        password: 'x',
      });
      expect(wrong.status).toBe(401);
      expect({ title: wrong.body.title, detail: wrong.body.detail }).toEqual({
        title: firstUnknown?.title,
        detail: firstUnknown?.detail,
      });
    });
  });

  async function waitForResumeSettled(resumeId: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const [row] = await t.dataSource.query<{ parsing_status: string }[]>(
        'SELECT parsing_status FROM resumes WHERE id = $1',
        [resumeId],
      );
      if (row?.parsing_status !== 'pending') {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`résumé ${resumeId} was never parsed`);
  }
});
