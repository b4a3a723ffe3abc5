import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { IdempotencyPurge } from '../src/idempotency/idempotency.module';
import { DOCX_RESUME } from './support/resume-uploads';
import { createStaff, loginAdmin, SignedIn, unique } from './support/factories';
import { HttpResponse } from './support/http-client';
import { createTestApp, TestApp } from './support/test-app';

// Issue #19 item 2: Idempotency-Key on POST, stored in PostgreSQL per caller and key.
describe('Idempotency keys (e2e)', () => {
  let t: TestApp;
  let other: TestApp; // a second instance on the same database
  let admin: SignedIn;
  let recruiter: SignedIn;
  let jobId: string;

  const applicant = (email: string) => ({
    applicant_name: 'Retry Storm',
    applicant_email: email,
    consent_data_processing: true,
  });
  const keyed = (key: string, token?: string) => ({ headers: { 'idempotency-key': key }, token });
  const applicationCount = async (job: string) =>
    Number(
      (
        await t.dataSource.query<{ n: string }[]>(
          'SELECT count(*) AS n FROM applications WHERE job_id = $1',
          [job],
        )
      )[0].n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    other = await createTestApp({ env: { DATABASE_URL: t.databaseUrl } });
    admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    const job = await t.http.post(
      '/api/jobs',
      { title: 'Platform Engineer', description: 'Queues', skills_required: ['Go'] },
      { token: recruiter.accessToken },
    );
    jobId = job.body.id;
  });

  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('retry storm: 10 parallel identical applications over two instances create one, all answers agree', async () => {
    const key = randomUUID();
    const body = applicant(`${unique('storm')}@example.com`);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? other : t).http.post(`/api/jobs/${jobId}/applications`, body, keyed(key)),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    const ids = new Set(answers.map((a: HttpResponse) => a.body.id));
    expect(ids.size).toBe(1);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    const replayed = answers.filter((a) => a.headers.get('idempotent-replayed') === 'true');
    expect(replayed).toHaveLength(9);
    expect(await applicationCount(jobId)).toBe(1);
  });

  it('replays the first answer for a repeat, whatever the key order of the body', async () => {
    const key = randomUUID();
    const email = `${unique('replay')}@example.com`;
    const first = await t.http.post(
      `/api/jobs/${jobId}/applications`,
      applicant(email),
      keyed(key),
    );
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const reordered = {
      consent_data_processing: true,
      applicant_email: email,
      applicant_name: 'Retry Storm',
    };
    const again = await other.http.post(`/api/jobs/${jobId}/applications`, reordered, keyed(key));
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toMatch(/application\/json/);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
  });

  it('answers 422 for the same key with a different body or path, and keeps the first answer', async () => {
    const key = randomUUID();
    const email = `${unique('diff')}@example.com`;
    const first = await t.http.post(
      `/api/jobs/${jobId}/applications`,
      applicant(email),
      keyed(key),
    );
    expect(first.status).toBe(201);
    const changed = await t.http.post(
      `/api/jobs/${jobId}/applications`,
      applicant(`${unique('other')}@example.com`),
      keyed(key),
    );
    expect(changed.status).toBe(422);
    expect(changed.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(changed.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    const elsewhere = await t.http.post(
      '/api/job/apply',
      { ...applicant(email), job_id: jobId },
      keyed(key),
    );
    expect(elsewhere.status).toBe(422);
    const same = await t.http.post(`/api/jobs/${jobId}/applications`, applicant(email), keyed(key));
    expect(same.body.id).toBe(first.body.id);
  });

  it('keeps keys per caller: two recruiters with one key each get their own job', async () => {
    const second = await createStaff(t.http, admin, 'recruiter');
    const key = randomUUID();
    const job = { title: 'Same key', description: 'Two callers', skills_required: [] };
    const a = await t.http.post('/api/jobs', job, keyed(key, recruiter.accessToken));
    const b = await t.http.post('/api/jobs', job, keyed(key, second.accessToken));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    const repeat = await t.http.post('/api/jobs', job, keyed(key, second.accessToken));
    expect(repeat.body.id).toBe(b.body.id);
  });

  it('replays a stored client error; does not store an answer refused before the route ran', async () => {
    const key = randomUUID();
    const noConsent = {
      applicant_name: 'No consent',
      applicant_email: `${unique('nc')}@example.com`,
    };
    const bad = await t.http.post(`/api/jobs/${jobId}/applications`, noConsent, keyed(key));
    expect(bad.status).toBe(400);
    const again = await t.http.post(`/api/jobs/${jobId}/applications`, noConsent, keyed(key));
    expect(again.status).toBe(400);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(again.body).toEqual(bad.body);
    const unauthorised = randomUUID();
    const job = { title: 'x', description: 'y', skills_required: [] };
    expect((await t.http.post('/api/jobs', job, keyed(unauthorised))).status).toBe(401);
    const rows = await t.dataSource.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [
      unauthorised,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('refuses a key longer than 255 characters (400)', async () => {
    const res = await t.http.post(
      `/api/jobs/${jobId}/applications`,
      applicant(`${unique('long')}@example.com`),
      keyed('k'.repeat(256)),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
  });

  const resumeForm = (email: string, bytes: Buffer) => {
    const form = new FormData();
    form.append('applicant_name', 'Multi Part');
    form.append('applicant_email', email);
    form.append('consent_data_processing', 'true');
    form.append('resume', new Blob([new Uint8Array(bytes)]), 'cv.docx');
    return form;
  };

  it('fingerprints multipart uploads by their parts: a retry with a new boundary replays, other bytes → 422', async () => {
    const key = randomUUID();
    const email = `${unique('mp')}@example.com`;
    const post = (form: FormData, app: TestApp = t) =>
      app.http.post(`/api/jobs/${jobId}/applications`, undefined, { raw: form, ...keyed(key) });
    const first = await post(resumeForm(email, DOCX_RESUME));
    expect(first.status).toBe(201);
    const again = await post(resumeForm(email, DOCX_RESUME), other);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const changed = Buffer.concat([DOCX_RESUME, Buffer.from([0])]);
    expect((await post(resumeForm(email, changed))).status).toBe(422);
  });

  it('answers 409 to a repeat while the first upload is still streaming in, then the first completes', async () => {
    const key = randomUUID();
    const boundary = `----panelist${randomUUID().replace(/-/g, '')}`;
    const fields = {
      applicant_name: 'Slow Upload',
      applicant_email: `${unique('slow')}@example.com`,
      consent_data_processing: 'true',
    };
    const head = Object.entries(fields)
      .map(
        ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
      )
      .join('');
    const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="resume"; filename="cv.docx"\r\n\r\n`;
    const tail = `\r\n--${boundary}--\r\n`;
    const url = new URL(`${t.baseUrl}/api/jobs/${jobId}/applications`);
    const finished = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'idempotency-key': key,
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(head + fileHead);
      req.write(DOCX_RESUME.subarray(0, 100));
      // The rest is sent once the repeat has been refused.
      void waitForClaim(key).then(async () => {
        const repeat = await t.http.post(`/api/jobs/${jobId}/applications`, undefined, {
          raw: resumeForm(fields.applicant_email, DOCX_RESUME),
          ...keyed(key),
        });
        expect(repeat.status).toBe(409);
        expect(repeat.body.code).toBe('IDEMPOTENCY_KEY_IN_USE');
        expect(repeat.headers.get('retry-after')).toBe('1');
        req.end(Buffer.concat([DOCX_RESUME.subarray(100), Buffer.from(tail)]));
      }, reject);
    });
    const first = await finished;
    expect(first.status).toBe(201);
  });

  async function waitForClaim(key: string): Promise<void> {
    for (;;) {
      const rows = await t.dataSource.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [key]);
      if (rows.length) {
        return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('purges expired keys; an expired key runs the route again', async () => {
    const key = randomUUID();
    const job = { title: 'Expiring', description: 'Key', skills_required: [] };
    const first = await t.http.post('/api/jobs', job, keyed(key, recruiter.accessToken));
    await t.dataSource.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`,
      [key],
    );
    await t.app.get(IdempotencyPurge).purge();
    expect(
      await t.dataSource.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [key]),
    ).toHaveLength(0);
    const again = await t.http.post('/api/jobs', job, keyed(key, recruiter.accessToken));
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });

  it('stores the answer encrypted', async () => {
    const key = randomUUID();
    const email = `${unique('enc')}@example.com`;
    await t.http.post(`/api/jobs/${jobId}/applications`, applicant(email), keyed(key));
    const [row] = await t.dataSource.query<{ body: string }[]>(
      'SELECT response_body_encrypted AS body FROM idempotency_keys WHERE key = $1',
      [key],
    );
    expect(row.body).not.toContain(email);
  });
});
