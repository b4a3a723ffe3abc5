import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wav } from '../support/audio-fixtures';
import { FakeGemini, startFakeGemini } from '../support/fake-gemini-server';
import { loginAdmin, signupCandidate, SignedIn } from '../support/factories';
import { dropDatabase } from '../support/gdpr';
import { hiringSetup } from '../support/hiring-fixtures';
import type { HttpResponse } from '../support/http-client';
import { geminiResponder, hasInlineAudio } from '../support/media-helpers';
import { DOCX_RESUME } from '../support/resume-uploads';
import { S3TestServer, startS3TestServer } from '../support/s3-test-server';
import { createDatabase } from '../support/test-app';
import { AppProcess, queryDatabase, startAppProcess, waitUntil } from './support/app-process';

jest.setTimeout(240_000);

async function poll(
  read: () => Promise<HttpResponse>,
  done: (r: HttpResponse) => boolean,
  what: string,
): Promise<HttpResponse> {
  let last: HttpResponse | undefined;
  await waitUntil(async () => done((last = await read())), what, 60_000);
  return last!;
}

// Instances that share nothing but PostgreSQL and S3 (issue #18): two API processes and one
// worker, each with its own empty DATA_DIR, one database, one S3-protocol store (s3rver). Every
// file crosses from one process to another through the bucket, never through a local disk.
describe('Two API processes and a worker on one database and one object store (faults)', () => {
  let s3: S3TestServer;
  let fake: FakeGemini;
  let databaseUrl: string;
  const dataDirs: string[] = [];
  let a: AppProcess;
  let b: AppProcess;
  let worker: AppProcess;
  let candidate: SignedIn;
  let admin: SignedIn;

  const start = async (role: 'api' | 'worker') => {
    const dataDir = mkdtempSync(join(tmpdir(), `panelist-${role}-`));
    dataDirs.push(dataDir);
    return startAppProcess({
      databaseUrl,
      dataDir,
      env: {
        ...s3.env,
        APP_ROLE: role,
        GEMINI_API_KEY: fake.apiKey,
        GEMINI_BASE_URL: fake.baseUrl,
        GEMINI_MODEL: 'gemini-test-audio',
      },
    });
  };

  beforeAll(async () => {
    s3 = await startS3TestServer();
    fake = await startFakeGemini();
    fake.respondWith(geminiResponder);
    databaseUrl = await createDatabase();
    [a, b, worker] = await Promise.all([start('api'), start('api'), start('worker')]);
    admin = await loginAdmin(a.http);
    candidate = await signupCandidate(a.http);
  });

  afterAll(async () => {
    await Promise.all([a, b, worker].filter(Boolean).map((p) => p.stop()));
    await dropDatabase(databaseUrl);
    await s3?.close();
    await fake?.close();
    for (const dir of dataDirs) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every process reports the object store as connected', async () => {
    for (const p of [a, b, worker]) {
      expect((await p.http.get('/api/health')).body).toMatchObject({
        status: 'healthy',
        storage: 'connected',
      });
    }
  });

  let resumeId: string;
  it('a résumé uploaded through A is parsed by the worker and downloaded through B', async () => {
    const { jobId } = await hiringSetup(a.http);
    const form = new FormData();
    form.append('applicant_name', 'Jordan Lee');
    form.append('applicant_email', candidate.email);
    form.append('consent_data_processing', 'true');
    form.append('resume', new Blob([new Uint8Array(DOCX_RESUME)]), 'cv.docx');
    const applied = await a.http.post(`/api/jobs/${jobId}/applications`, undefined, {
      raw: form,
      token: candidate.accessToken,
    });
    expect(applied.status).toBe(201);
    resumeId = applied.body.resume_id;
    const parsed = await poll(
      () => b.http.get(`/api/resumes/${resumeId}`, { token: candidate.accessToken }),
      (r) => r.body.parsing_status !== 'pending',
      'the résumé parsed',
    );
    expect(parsed.body.parsing_status).toBe('parsed');
    // The API processes run no jobs (APP_ROLE=api): the worker read the file from the bucket.
    const [job] = await queryDatabase<{ state: string }>(
      databaseUrl,
      "SELECT state FROM pgboss.job WHERE name = 'resume-parse' AND data->>'resume_id' = $1",
      [resumeId],
    );
    expect(job.state).toBe('completed');

    const download = await fetch(`http://127.0.0.1:${b.port}/api/resumes/${resumeId}/download`, {
      headers: { authorization: `Bearer ${candidate.accessToken}` },
    });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(DOCX_RESUME)).toBe(true);
  });

  it('a recorded answer uploaded by presigned URL is checked by the worker and analysed', async () => {
    const audio = wav(2);
    const reserved = await a.http.post(
      '/api/media/upload-url',
      { kind: 'audio', content_type: 'audio/wav', size_bytes: audio.length },
      { token: candidate.accessToken },
    );
    expect(reserved.status).toBe(201);
    expect(reserved.body.upload_url.startsWith(s3.endpoint)).toBe(true);
    const sent = await fetch(reserved.body.upload_url, {
      method: 'PUT',
      body: new Uint8Array(audio),
      headers: reserved.body.headers,
    });
    expect(sent.status).toBe(200);
    fake.enqueue({
      kind: 'json',
      json: {
        language: 'en',
        duration_seconds: 2,
        text: 'I would add an index on the foreign key.',
        segments: [{ start: 0.1, end: 1.9, text: 'I would add an index on the foreign key.' }],
      },
    });
    const accepted = await poll(
      () =>
        b.http.post(
          '/api/media/analyze',
          { file_key: reserved.body.file_key },
          { token: candidate.accessToken },
        ),
      (r) => r.status !== 409,
      'the upload moved out of the intake area',
    );
    expect(accepted.status).toBe(202);
    const analysis = await poll(
      () =>
        a.http.get(`/api/media/analyses/${accepted.body.analysis_id}`, {
          token: candidate.accessToken,
        }),
      (r) => ['completed', 'failed'].includes(r.body.status),
      'the analysis',
    );
    expect(analysis.body.status).toBe('completed');
    expect(analysis.body.transcript.text).toBe('I would add an index on the foreign key.');
    // The worker sent the very bytes the browser uploaded.
    const inline = fake.requests.filter(hasInlineAudio).at(-1)!;
    expect((inline.body as any).contents[0].parts[0].inlineData.data).toBe(
      audio.toString('base64'),
    );
    expect(await s3.list('intake/')).toEqual([]);
  });

  it('an export requested on B is downloaded from A', async () => {
    const requested = await b.http.post(
      '/api/gdpr/export',
      { format: 'json' },
      { token: candidate.accessToken },
    );
    expect(requested.status).toBe(202);
    await poll(
      () =>
        a.http.get(`/api/gdpr/exports/${requested.body.export_id}`, {
          token: candidate.accessToken,
        }),
      (r) => r.body.status === 'ready',
      'the export',
    );
    const download = await fetch(
      `http://127.0.0.1:${a.port}/api/gdpr/exports/${requested.body.export_id}/download`,
      { headers: { authorization: `Bearer ${candidate.accessToken}` } },
    );
    expect(download.status).toBe(200);
    const text = await download.text();
    expect(text).toContain(candidate.email);
    expect(text).toContain(resumeId);
  });

  it('erasure on A removes the person’s objects from the bucket', async () => {
    const keys = (
      await queryDatabase<{ key: string }>(
        databaseUrl,
        `SELECT storage_key AS key FROM resumes WHERE id = $1
         UNION ALL SELECT file_key FROM media_files WHERE owner_id = $2
         UNION ALL SELECT storage_key FROM gdpr_exports WHERE requested_by = $2`,
        [resumeId, candidate.id],
      )
    ).map((r) => `files/${r.key}`);
    expect(keys).toHaveLength(3);
    expect(await s3.list('files/')).toEqual(expect.arrayContaining(keys));

    const erased = await a.http.post('/api/gdpr/delete', {}, { token: candidate.accessToken });
    expect(erased.status).toBe(202);
    const done = await poll(
      () =>
        a.http.get(`/api/gdpr/requests/${erased.body.request_id}`, { token: admin.accessToken }),
      (r) => ['completed', 'failed', 'blocked'].includes(r.body.status),
      'the erasure',
    );
    expect(done.body.status).toBe('completed');
    const left = await s3.list();
    expect(left.filter((name) => keys.includes(name))).toEqual([]);
    expect(left.filter((name) => name.startsWith('intake/'))).toEqual([]);
  });

  it('no process kept a file on its own disk', () => {
    for (const dir of dataDirs) {
      expect(existsSync(join(dir, 'files')) ? readdirSync(join(dir, 'files')) : []).toEqual([]);
    }
  });
});
