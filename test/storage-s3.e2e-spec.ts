import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { FILE_STORAGE } from '../src/storage/file-storage';
import type { FileStorage } from '../src/storage/file-storage';
import { wav } from './support/audio-fixtures';
import { signupCandidate, SignedIn } from './support/factories';
import { until } from './support/media-helpers';
import { DOCX_RESUME, uploadResume } from './support/resume-uploads';
import { S3_TEST_BUCKET, S3TestServer, startS3TestServer } from './support/s3-test-server';
import { createTestApp, TestApp } from './support/test-app';

// The S3 driver against a real S3-protocol server (s3rver on 127.0.0.1) through the real AWS SDK.
// What s3rver cannot prove is in src/storage/README.md ("Tests").
jest.setTimeout(120_000);

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function streamed(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) {
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}

describe('Object storage: the S3 driver (e2e, s3rver)', () => {
  let s3: S3TestServer;
  let t: TestApp;
  let storage: FileStorage;
  let alice: SignedIn;

  const reserve = (who: SignedIn, size: number, contentType = 'audio/wav') =>
    t.http.post(
      '/api/media/upload-url',
      { kind: 'audio', content_type: contentType, size_bytes: size },
      { token: who.accessToken },
    );
  const put = (url: string, body: Buffer, headers: Record<string, string>) =>
    fetch(url, { method: 'PUT', body: new Uint8Array(body), headers });
  const downloadUrl = (who: SignedIn, fileKey: string) =>
    t.http.get(`/api/media/download-url?file_key=${fileKey}`, { token: who.accessToken });

  beforeAll(async () => {
    s3 = await startS3TestServer();
    t = await createTestApp({ env: s3.env });
    storage = t.app.get<FileStorage>(FILE_STORAGE);
    alice = await signupCandidate(t.http);
  });

  afterAll(async () => {
    await t?.close();
    await s3?.close();
    for (const name of Object.keys(s3?.env ?? {})) {
      delete process.env[name];
    }
  });

  it('streams a multipart upload in and out, and the bucket holds ciphertext only', async () => {
    expect(storage.driver).toBe('s3');
    // 20 MiB: three parts of the multipart upload.
    const plain = randomBytes(20 * 1024 * 1024);
    const key = storage.newKey('bench');
    const pieces = Array.from({ length: 20 }, (_, i) =>
      plain.subarray(i * 1048576, (i + 1) * 1048576),
    );
    expect(await storage.putStream(key, Readable.from(pieces))).toBe(plain.length);
    expect(await s3.list('files/')).toEqual([`files/${key}`]);

    const raw = await s3.client.send(
      new GetObjectCommand({ Bucket: S3_TEST_BUCKET, Key: `files/${key}` }),
    );
    const stored = Buffer.from(await raw.Body!.transformToByteArray());
    expect(stored.subarray(0, 5).toString()).toBe('PNLF2');
    expect(stored.includes(plain.subarray(1000, 1064))).toBe(false);

    const back = await storage.getStream(key);
    expect(sha256(await streamed(back!))).toBe(sha256(plain));
    expect(await storage.exists(key)).toBe(true);
    await storage.delete(key);
    expect(await s3.list('files/')).toEqual([]);
    expect(await storage.get(key)).toBeNull();
    expect(await storage.exists(key)).toBe(false);
  });

  it('answers a presigned PUT into the intake area, with type and length signed', async () => {
    const audio = wav(1);
    const res = await reserve(alice, audio.length);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      file_key: expect.stringMatching(/^media-[0-9a-f-]{36}$/),
      method: 'PUT',
      headers: { 'Content-Type': 'audio/wav', 'Content-Length': String(audio.length) },
    });
    const url = new URL(res.body.upload_url);
    expect(url.origin).toBe(s3.endpoint);
    expect(url.pathname).toMatch(new RegExp(`^/${S3_TEST_BUCKET}/intake/intake-[0-9a-f-]{36}$`));
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    // Nothing of the person or the file name in the object name.
    expect(url.pathname).not.toContain(alice.username);

    const wrongType = await put(res.body.upload_url, audio, { 'Content-Type': 'audio/mpeg' });
    expect(wrongType.status).toBe(403);
    expect(await wrongType.text()).toContain('SignatureDoesNotMatch');
    const wrongLength = await put(res.body.upload_url, Buffer.concat([audio, audio]), {
      'Content-Type': 'audio/wav',
    });
    expect(wrongLength.status).toBe(403);
    expect(await s3.list('intake/')).toEqual([]);
    // Too large for the kind: refused before any URL is made.
    expect((await reserve(alice, 512 * 1024 * 1024)).status).toBe(413);
  });

  it('refuses a presigned PUT whose signature has expired', async () => {
    // Signed an hour ago for 60 s: the store must refuse it (the API's own URLs live 900 s).
    const url = await getSignedUrl(
      s3.client,
      new PutObjectCommand({
        Bucket: S3_TEST_BUCKET,
        Key: `intake/intake-${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
        ContentType: 'audio/wav',
        ContentLength: 4,
      }),
      {
        expiresIn: 60,
        signingDate: new Date(Date.now() - 3600_000),
        signableHeaders: new Set(['content-type', 'content-length']),
      },
    );
    const res = await put(url, Buffer.from('RIFF'), { 'Content-Type': 'audio/wav' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Request has expired');
    expect(await s3.list('intake/')).toEqual([]);
  });

  it('checks, encrypts and moves an upload; nothing is readable before; downloads stream through the API', async () => {
    const audio = wav(2);
    const res = await reserve(alice, audio.length);
    const fileKey: string = res.body.file_key;
    expect((await downloadUrl(alice, fileKey)).status).toBe(409);
    const sent = await put(res.body.upload_url, audio, res.body.headers);
    expect(sent.status).toBe(200);

    // The media.intake job retries a failed move with back-off (5 s, 10 s, 20 s …): under load
    // the first attempt can lose a race with the store, so wait through a few retries.
    const ready = await until(
      () => downloadUrl(alice, fileKey),
      (r) => r.status === 200,
      90_000,
    );
    expect(ready.status).toBe(200);
    expect(await s3.list('intake/')).toEqual([]);
    expect(await s3.list('files/')).toEqual([`files/${fileKey}`]);
    const [row] = await t.dataSource.query(
      'SELECT status, size_bytes, duration_seconds FROM media_files WHERE file_key = $1',
      [fileKey],
    );
    expect(row).toEqual({ status: 'uploaded', size_bytes: audio.length, duration_seconds: 2 });

    const download = await fetch(ready.body.download_url.replace(/^https?:\/\/[^/]+/, t.baseUrl));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await download.arrayBuffer()).equals(audio)).toBe(true);
  });

  it('refuses bytes that are not the declared container and keeps nothing of them', async () => {
    const fake = Buffer.from('%PDF-1.7 this is not a recording at all');
    const res = await reserve(alice, fake.length);
    expect((await put(res.body.upload_url, fake, res.body.headers)).status).toBe(200);
    const [{ id }] = await t.dataSource.query('SELECT id FROM media_files WHERE file_key = $1', [
      res.body.file_key,
    ]);
    // The job looks, refuses and removes the intake object; the file stays pending.
    await until(
      async () => {
        await downloadUrl(alice, res.body.file_key);
        return s3.list(`intake/intake-${id}`);
      },
      (names) => names.length === 0,
    );
    expect(await s3.list(`intake/intake-${id}`)).toEqual([]);
    expect(await s3.list(`files/${res.body.file_key}`)).toEqual([]);
    expect((await downloadUrl(alice, res.body.file_key)).status).toBe(409);
  });

  it('erasure deletes every object of the person: the listing shows nothing of them', async () => {
    const erin = await signupCandidate(t.http);
    const resume = await uploadResume(t, DOCX_RESUME, 'cv.docx', { token: erin.accessToken });
    expect(resume.status).toBe(201);
    const audio = wav(1);
    const reserved = await reserve(erin, audio.length);
    await put(reserved.body.upload_url, audio, reserved.body.headers);
    await until(
      () => downloadUrl(erin, reserved.body.file_key),
      (r) => r.status === 200,
    );
    const exported = await t.http.post(
      '/api/gdpr/export',
      { format: 'json' },
      { token: erin.accessToken },
    );
    const ready = await until(
      () => t.http.get(`/api/gdpr/exports/${exported.body.export_id}`, { token: erin.accessToken }),
      (r) => r.body.status === 'ready',
    );
    expect(ready.body.status).toBe('ready');
    const keys: string[] = (
      await t.dataSource.query(
        `SELECT storage_key AS key FROM resumes WHERE id = $1
         UNION ALL SELECT file_key FROM media_files WHERE owner_id = $2
         UNION ALL SELECT storage_key FROM gdpr_exports WHERE id = $3`,
        [resume.body.resume_id, erin.id, exported.body.export_id],
      )
    ).map((r: { key: string }) => `files/${r.key}`);
    expect(keys).toHaveLength(3);
    const before = await s3.list('files/');
    expect(before).toEqual(expect.arrayContaining(keys));

    const erased = await t.http.post('/api/gdpr/delete', {}, { token: erin.accessToken });
    expect(erased.status).toBe(202);
    const admin = await t.http.post('/api/auth/login', {
      username: 'admin@panelist.test',
      password: 'admin-password-for-tests',
    });
    const done = await until(
      () =>
        t.http.get(`/api/gdpr/requests/${erased.body.request_id}`, {
          token: admin.body.access_token,
        }),
      (r) => r.body.status === 'completed',
    );
    expect(done.body.status).toBe('completed');
    const after = await s3.list();
    expect(after.filter((name) => keys.includes(name))).toEqual([]);
    // Only the objects of the person are gone.
    expect(after.sort()).toEqual(before.filter((name) => !keys.includes(name)).sort());
  });

  it('an export archive lives in the bucket and the retention run deletes it once expired', async () => {
    const exported = await t.http.post(
      '/api/gdpr/export',
      { format: 'json' },
      { token: alice.accessToken },
    );
    const id: string = exported.body.export_id;
    const ready = await until(
      () => t.http.get(`/api/gdpr/exports/${id}`, { token: alice.accessToken }),
      (r) => r.body.status === 'ready',
    );
    expect(ready.body.status).toBe('ready');
    const [{ storage_key: key }] = await t.dataSource.query(
      'SELECT storage_key FROM gdpr_exports WHERE id = $1',
      [id],
    );
    expect(await s3.list(`files/${key}`)).toEqual([`files/${key}`]);
    await t.dataSource.query(
      "UPDATE gdpr_exports SET expires_at = now() - interval '1 hour' WHERE id = $1",
      [id],
    );
    const admin = await t.http.post('/api/auth/login', {
      username: 'admin@panelist.test',
      password: 'admin-password-for-tests',
    });
    const run = await t.http.post(
      '/api/gdpr/retention/run',
      { dry_run: false },
      { token: admin.body.access_token },
    );
    expect(run.status).toBe(200);
    expect(await s3.list(`files/${key}`)).toEqual([]);
    const gone = await t.http.get(`/api/gdpr/exports/${id}/download`, {
      token: alice.accessToken,
    });
    expect(gone.status).toBe(410);
  });

  it('with the store down: 503 problem on the routes that need it, everything else works', async () => {
    const audio = wav(1);
    const reserved = await reserve(alice, audio.length);
    await put(reserved.body.upload_url, audio, reserved.body.headers);
    const ready = await until(
      () => downloadUrl(alice, reserved.body.file_key),
      (r) => r.status === 200,
    );
    await s3.stop();
    try {
      const download = await fetch(ready.body.download_url.replace(/^https?:\/\/[^/]+/, t.baseUrl));
      expect(download.status).toBe(503);
      expect(download.headers.get('content-type')).toContain('application/problem+json');
      expect(await download.json()).toMatchObject({ status: 503, code: 'STORAGE_UNAVAILABLE' });
      const upload = await uploadResume(t, DOCX_RESUME, 'cv.docx', { token: alice.accessToken });
      expect(upload.status).toBe(503);
      expect(upload.body.code).toBe('STORAGE_UNAVAILABLE');

      const health = await t.http.get('/api/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'healthy', storage: 'disconnected' });
      expect((await t.http.get('/api/auth/me', { token: alice.accessToken })).status).toBe(200);
      expect((await t.http.get('/api/jobs')).status).toBe(200);
    } finally {
      await s3.start();
    }
    expect((await t.http.get('/api/health')).body.storage).toBe('connected');
  });
});
