import { request as httpRequest } from 'node:http';
import { wav } from '../support/audio-fixtures';
import { signupCandidate, SignedIn } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const QUOTA_ENV = {
  UPLOAD_QUOTA_WINDOW_SECONDS: '3600',
  UPLOAD_QUOTA_FILES_PER_ADDRESS: '3',
  UPLOAD_QUOTA_BYTES_PER_ADDRESS: '200000',
  UPLOAD_PENDING_ANONYMOUS_MAX_BYTES: '150000',
};

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

// Issue #13.5: disk a client can fill. Requests leave from distinct loopback addresses
// (127.0.0.x) so each test has client addresses of its own.
describe('Upload quotas (e2e)', () => {
  let t: TestApp;
  let port: number;
  let jobId: string;

  // A real HTTP request from a chosen local address (fetch cannot pick one).
  async function send(
    from: string,
    method: string,
    path: string,
    body: FormData | Buffer,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    let payload: Buffer;
    const allHeaders = { ...headers };
    if (body instanceof FormData) {
      const encoded = new Request('http://x/', { method: 'POST', body });
      payload = Buffer.from(await encoded.arrayBuffer());
      allHeaders['content-type'] = encoded.headers.get('content-type')!;
    } else {
      payload = body;
    }
    allHeaders['content-length'] = String(payload.length);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, method, path, localAddress: from, headers: allHeaders },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: (res.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : text,
            });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  const resume = (bytes: number, name = 'Quinn Quota') => {
    const head = `${name}\nquinn@example.org\n\nExperience\nEngineer, Contoso\tJan 2020 – Present\n\nSkills\nGo\n\n`;
    return Buffer.from(
      head + 'Notes line for padding.\n'.repeat(Math.max(0, bytes - head.length) / 24),
    );
  };

  const uploadFrom = (from: string, data: Buffer, who?: SignedIn) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)], { type: 'text/plain' }), 'cv.txt');
    return send(
      from,
      'POST',
      '/api/resume/upload',
      form,
      who ? { authorization: `Bearer ${who.accessToken}` } : {},
    );
  };

  const storedResumes = async () =>
    (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM resumes'))[0].n;

  const expectQuotaProblem = (res: Answer, code: string) => {
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 429, code });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
  };

  beforeAll(async () => {
    t = await createTestApp({ env: QUOTA_ENV });
    port = Number(new URL(t.baseUrl).port);
    const admin = await t.http.post('/api/auth/login', {
      username: 'admin@panelist.test',
      password: 'admin-password-for-tests',
    });
    const job = await t.http.post(
      '/api/jobs',
      { title: 'Quota Engineer', description: 'Uploads' },
      { token: admin.body.access_token },
    );
    jobId = job.body.id;
  });

  afterAll(async () => {
    await t.close();
    for (const key of Object.keys(QUOTA_ENV)) {
      delete process.env[key];
    }
  });

  it('#13.5 refuses anonymous résumé uploads past the per-address file quota with a 429 problem and Retry-After', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await uploadFrom('127.0.0.11', resume(200))).status).toBe(201);
    }
    const before = await storedResumes();
    const refused = await uploadFrom('127.0.0.11', resume(200));
    expectQuotaProblem(refused, 'UPLOAD_QUOTA_EXCEEDED');
    // The same budget covers a résumé sent with an application; nothing was stored.
    const form = new FormData();
    for (const [k, v] of Object.entries({
      applicant_name: 'Quinn',
      applicant_email: 'quinn.quota@example.com',
      consent_data_processing: 'true',
    })) {
      form.append(k, v);
    }
    form.append(
      'resume',
      new Blob([new Uint8Array(resume(200))], { type: 'text/plain' }),
      'cv.txt',
    );
    expectQuotaProblem(
      await send('127.0.0.11', 'POST', `/api/jobs/${jobId}/applications`, form),
      'UPLOAD_QUOTA_EXCEEDED',
    );
    expect(await storedResumes()).toBe(before);
    // Another address has a budget of its own.
    expect((await uploadFrom('127.0.0.12', resume(200))).status).toBe(201);
  });

  it('#13.5 counts bytes per address too, for signed-in candidates as well', async () => {
    const who = await signupCandidate(t.http);
    expect((await uploadFrom('127.0.0.13', resume(120_000), who)).status).toBe(201);
    expectQuotaProblem(
      await uploadFrom('127.0.0.13', resume(90_000), who),
      'UPLOAD_QUOTA_EXCEEDED',
    );
    expect((await uploadFrom('127.0.0.13', resume(50_000), who)).status).toBe(201);
  });

  it('#13.5 caps the anonymous bytes waiting to be attached, across addresses', async () => {
    const [{ bytes }] = await t.dataSource.query<{ bytes: number }[]>(
      'SELECT coalesce(sum(size_bytes), 0)::int AS bytes FROM resumes WHERE candidate_id IS NULL',
    );
    const first = await uploadFrom('127.0.0.14', resume(140_000 - bytes));
    expect(first.status).toBe(201);
    expectQuotaProblem(await uploadFrom('127.0.0.15', resume(20_000)), 'UPLOAD_CAPACITY_REACHED');
    // A signed-in candidate's upload does not wait unattached, so it is not held back.
    const who = await signupCandidate(t.http);
    expect((await uploadFrom('127.0.0.15', resume(20_000), who)).status).toBe(201);
    // Once the waiting upload is used in an application, there is room again.
    const applied = await t.http.post(`/api/jobs/${jobId}/applications`, {
      applicant_name: 'Penny Pending',
      applicant_email: 'penny.pending@example.com',
      consent_data_processing: true,
      resume_id: first.body.resume_id,
    });
    expect(applied.status).toBe(201);
    expect((await uploadFrom('127.0.0.15', resume(20_000))).status).toBe(201);
  });

  it('#13.5 charges signed media uploads to the uploading address', async () => {
    const who = await signupCandidate(t.http);
    const statuses: number[] = [];
    let last: Answer | undefined;
    for (let i = 0; i < 4; i++) {
      const reserved = await t.http.post(
        '/api/media/upload-url',
        { kind: 'audio', content_type: 'audio/wav' },
        { token: who.accessToken },
      );
      expect(reserved.status).toBe(201);
      const url = new URL(reserved.body.upload_url);
      last = await send('127.0.0.16', 'PUT', `${url.pathname}${url.search}`, wav(1), {
        'content-type': 'audio/wav',
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expectQuotaProblem(last!, 'UPLOAD_QUOTA_EXCEEDED');
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM media_files WHERE status = 'uploaded'`,
    );
    expect(n).toBe(3);
  });

  it('#13.5 keeps the counts in PostgreSQL as keyed digests, never the address', async () => {
    const rows = await t.dataSource.query<{ key: string }[]>(
      'SELECT key FROM upload_quota_windows',
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('127.0.0');
  });
});
