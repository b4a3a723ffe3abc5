import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { FILE_STORAGE } from '../../src/storage/file-storage';
import type { FileStorage } from '../../src/storage/file-storage';
import { wav } from '../support/audio-fixtures';
import { loginAdmin, signupCandidate, SignedIn } from '../support/factories';
import { until } from '../support/media-helpers';
import { DOCX_RESUME, uploadResume } from '../support/resume-uploads';
import { S3TestServer, startS3TestServer } from '../support/s3-test-server';
import { createTestApp, TestApp } from '../support/test-app';
import { waitUntil } from './support/app-process';

jest.setTimeout(180_000);

// The object store goes away while files move (issue #18): the caller gets a clear error, the
// work is retried once the store is back, nothing is lost and nothing half-written stays behind.
describe('Object store outage during uploads and erasure (faults)', () => {
  let s3: S3TestServer;
  let t: TestApp;
  let storage: FileStorage;
  let admin: SignedIn;

  beforeAll(async () => {
    s3 = await startS3TestServer();
    t = await createTestApp({ env: s3.env });
    storage = t.app.get<FileStorage>(FILE_STORAGE);
    admin = await loginAdmin(t.http);
  });

  afterAll(async () => {
    await t?.close();
    await s3?.close();
    for (const name of Object.keys(s3?.env ?? {})) {
      delete process.env[name];
    }
  });

  const filesOf = async (userId: string): Promise<string[]> =>
    (
      await t.dataSource.query(
        `SELECT r.storage_key AS key FROM resumes r JOIN candidates c ON c.id = r.candidate_id
          WHERE c.user_id = $1
         UNION ALL SELECT file_key FROM media_files WHERE owner_id = $1`,
        [userId],
      )
    ).map((r: { key: string }) => `files/${r.key}`);

  it('an upload while the store is down: 503 problem with Retry-After, no row, then the retry stores it', async () => {
    const alice = await signupCandidate(t.http);
    await s3.stop();
    let refused;
    try {
      refused = await uploadResume(t, DOCX_RESUME, 'cv.docx', { token: alice.accessToken });
    } finally {
      await s3.start();
    }
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.body).toMatchObject({ code: 'STORAGE_UNAVAILABLE', status: 503 });
    expect(JSON.stringify(refused.body)).not.toContain('127.0.0.1');
    expect(await filesOf(alice.id)).toEqual([]);

    const retried = await uploadResume(t, DOCX_RESUME, 'cv.docx', { token: alice.accessToken });
    expect(retried.status).toBe(201);
    const download = await fetch(`${t.baseUrl}/api/resumes/${retried.body.resume_id}/download`, {
      headers: { authorization: `Bearer ${alice.accessToken}` },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(DOCX_RESUME)).toBe(true);
    expect((await s3.list('files/')).sort()).toEqual((await filesOf(alice.id)).sort());
  });

  it('the store dying in the middle of a multipart upload leaves no object; the retry stores it whole', async () => {
    const plain = randomBytes(24 * 1024 * 1024);
    const key = storage.newKey('outage');
    const pieces = (stopAfter: number | null) =>
      Readable.from(
        (async function* () {
          for (let i = 0; i < 24; i++) {
            if (i === stopAfter) {
              await s3.stop();
            }
            yield plain.subarray(i * 1048576, (i + 1) * 1048576);
          }
        })(),
      );
    try {
      await expect(storage.putStream(key, pieces(12))).rejects.toMatchObject({
        code: 'STORAGE_UNAVAILABLE',
      });
    } finally {
      await s3.start();
    }
    expect(await s3.list(`files/${key}`)).toEqual([]);
    expect(await storage.get(key)).toBeNull();

    expect(await storage.putStream(key, pieces(null))).toBe(plain.length);
    expect((await storage.get(key))!.equals(plain)).toBe(true);
    await storage.delete(key);
  });

  it('a presigned upload waiting while the store is down is moved once it is back', async () => {
    const bob = await signupCandidate(t.http);
    const audio = wav(1);
    const reserved = await t.http.post(
      '/api/media/upload-url',
      { kind: 'audio', content_type: 'audio/wav', size_bytes: audio.length },
      { token: bob.accessToken },
    );
    const put = await fetch(reserved.body.upload_url, {
      method: 'PUT',
      body: new Uint8Array(audio),
      headers: reserved.body.headers,
    });
    expect(put.status).toBe(200);
    await s3.stop();
    try {
      // The intake job's attempts fail while the store is away; the file is still pending.
      await waitUntil(
        async () =>
          (
            await t.dataSource.query(
              `SELECT count(*)::int AS n FROM pgboss.job
                WHERE name = 'media.intake' AND data->>'media_file_id' =
                      (SELECT id::text FROM media_files WHERE file_key = $1)
                  AND retry_count > 0`,
              [reserved.body.file_key],
            )
          )[0].n > 0,
        'a failed intake attempt',
        60_000,
      );
      const [row] = await t.dataSource.query('SELECT status FROM media_files WHERE file_key = $1', [
        reserved.body.file_key,
      ]);
      expect(row.status).toBe('pending');
    } finally {
      await s3.start();
    }
    const ready = await until(
      () =>
        t.http.get(`/api/media/download-url?file_key=${reserved.body.file_key}`, {
          token: bob.accessToken,
        }),
      (r) => r.status === 200,
      90_000,
    );
    expect(ready.status).toBe(200);
    const download = await fetch(ready.body.download_url.replace(/^https?:\/\/[^/]+/, t.baseUrl));
    expect(Buffer.from(await download.arrayBuffer()).equals(audio)).toBe(true);
    expect(await s3.list('intake/')).toEqual([]);
  });

  it('an erasure while the store is down keeps the person until it can finish, then removes every object', async () => {
    const erin = await signupCandidate(t.http);
    expect(
      (await uploadResume(t, DOCX_RESUME, 'cv.docx', { token: erin.accessToken })).status,
    ).toBe(201);
    const keys = await filesOf(erin.id);
    expect(keys).toHaveLength(1);

    await s3.stop();
    let requestId: string;
    try {
      const erased = await t.http.post('/api/gdpr/delete', {}, { token: erin.accessToken });
      expect(erased.status).toBe(202);
      requestId = erased.body.request_id;
      await waitUntil(
        async () =>
          (
            await t.dataSource.query('SELECT attempts FROM gdpr_requests WHERE id = $1', [
              requestId,
            ])
          )[0].attempts >= 1 &&
          (
            await t.dataSource.query(
              "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'gdpr-erasure' AND data->>'request_id' = $1 AND retry_count > 0",
              [requestId],
            )
          )[0].n > 0,
        'a failed erasure attempt',
        60_000,
      );
      // Nothing half-done: the rows (and so the way to the files) are still there.
      expect(await filesOf(erin.id)).toEqual(keys);
    } finally {
      await s3.start();
    }
    const done = await until(
      () => t.http.get(`/api/gdpr/requests/${requestId!}`, { token: admin.accessToken }),
      (r) => ['completed', 'failed', 'blocked'].includes(r.body.status),
      120_000,
    );
    expect(done.body.status).toBe('completed');
    expect((await s3.list()).filter((name) => keys.includes(name))).toEqual([]);
    expect(await filesOf(erin.id)).toEqual([]);
  });
});
