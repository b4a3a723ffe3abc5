import { unzipSync } from 'fflate';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { wav } from '../support/audio-fixtures';
import { createStaff, loginAdmin, signupCandidate, SignedIn, unique } from '../support/factories';
import { FakeGemini, startFakeGemini } from '../support/fake-gemini-server';
import type { HttpResponse } from '../support/http-client';
import { geminiResponder, hasInlineAudio, localPath, until } from '../support/media-helpers';
import { filesUnder } from '../support/resume-uploads';
import { createTestApp, TestApp } from '../support/test-app';

// Every upload route, fed hostile file names and lying part types, by hand-written multipart so
// the bytes reach the server exactly as sent (fetch's FormData would escape CR, LF and quotes).
// An upload is either refused with a 4xx problem document or stored under a generated key inside
// DATA_DIR/files; never a 5xx. Where the file is served again, Content-Disposition is an
// attachment with a clean ASCII `filename` and an RFC 5987 `filename*`, nothing is injected into
// the response headers, and the type comes from the detected bytes (never text/html).
jest.setTimeout(60_000);

interface HostileName {
  label: string;
  // The Content-Disposition parameters after `name="…";`, exactly as they go on the wire.
  param: string;
  // Non-ASCII text the RFC 5987 filename* must carry after sanitising, when there is any.
  utf8?: string;
}

const LONG_ASCII = `${'a'.repeat(4996)}.pdf`;

const NAMES: HostileName[] = [
  { label: 'relative traversal ../../etc/passwd', param: 'filename="../../etc/passwd"' },
  { label: 'Windows traversal ..\\..\\win.ini', param: 'filename="..\\\\..\\\\win.ini"' },
  { label: 'absolute path /etc/passwd', param: 'filename="/etc/passwd"' },
  { label: 'drive path C:\\Windows\\win.ini', param: 'filename="C:\\\\Windows\\\\win.ini"' },
  { label: 'UNC path \\\\server\\share', param: 'filename="\\\\\\\\server\\\\share\\\\cv.pdf"' },
  {
    label: 'RFC 5987 encoded traversal',
    param: "filename*=UTF-8''..%2F..%2F..%2Fetc%2Fcron.d%2Fevil",
  },
  { label: 'raw CRLF header injection', param: 'filename="a.pdf\r\nX-Injected: 1"' },
  { label: 'literal %0d%0a injection', param: 'filename="a.pdf%0d%0aX-Injected: 1"' },
  {
    label: 'RFC 5987 CRLF injection',
    param: "filename*=UTF-8''a.pdf%0D%0AX-Injected%3A%201%0D%0A%0D%0A%3Chtml%3E",
  },
  { label: 'escaped quote and semicolon', param: 'filename="cv\\";evil.html"' },
  {
    label: 'RFC 5987 quote breaking out of filename=',
    param: "filename*=UTF-8''q%22%3B%20filename%3D%22evil.html",
  },
  { label: 'semicolons and equals', param: 'filename="cv;name=evil;.pdf"' },
  {
    label: 'non-ASCII (RFC 5987)',
    param: "filename*=UTF-8''r%C3%A9sum%C3%A9-%E5%B1%A5%E6%AD%B4%E6%9B%B8.pdf",
    utf8: '履歴書',
  },
  { label: 'raw UTF-8 bytes', param: 'filename="résumé – Zoë.pdf"', utf8: 'résumé – Zoë' },
  {
    label: 'right-to-left override (invoice\u202Efdp.exe)',
    param: "filename*=UTF-8''invoice%E2%80%AEfdp.exe",
  },
  { label: '5000-character name', param: `filename="${LONG_ASCII}"` },
  {
    label: '5000-character non-ASCII name',
    param: `filename*=UTF-8''x${'%F0%9F%98%80'.repeat(2500)}.pdf`,
    utf8: '\u{1F600}',
  },
  { label: 'raw NUL byte', param: 'filename="cv\u0000.exe.pdf"' },
  { label: 'RFC 5987 NUL byte', param: "filename*=UTF-8''cv%00.pdf.exe" },
  { label: 'dot names', param: 'filename=".."' },
  { label: 'hidden dot file', param: 'filename=".htaccess"' },
  { label: 'empty name', param: 'filename=""' },
];

// One name per kind of attack, for the two application routes: they hand the file to the same
// intake as POST /api/resume/upload (which gets every name), and each one costs a parse job.
const CORE_NAMES = NAMES.filter((n) =>
  [
    'relative traversal ../../etc/passwd',
    'drive path C:\\Windows\\win.ini',
    'RFC 5987 encoded traversal',
    'raw CRLF header injection',
    'RFC 5987 CRLF injection',
    'RFC 5987 quote breaking out of filename=',
    'non-ASCII (RFC 5987)',
    'right-to-left override (invoice\u202Efdp.exe)',
    '5000-character non-ASCII name',
    'raw NUL byte',
    'dot names',
  ].includes(n.label),
);

const RESUME_TEXT = Buffer.from(
  'Jordan Lee\nBackend Engineer at Fabrikam since 2019.\nSkills: TypeScript, PostgreSQL, Docker\n',
);
// A PDF header, an HTML document and a ZIP local file header in one file.
const POLYGLOT_PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n%<html><body><script>alert(document.cookie)</script></body></html>\n'),
  Buffer.from('PK\u0003\u0004\u0014\u0000\u0000\u0000\u0000\u0000', 'latin1'),
  Buffer.from('1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
]);
const HTML_PAGE = Buffer.from(
  '<!DOCTYPE html>\n<html><head><title>CV</title></head><body><script>alert(document.domain)</script>Jordan Lee, engineer</body></html>\n',
);
const ZIP_HTML = Buffer.concat([
  Buffer.from('PK\u0003\u0004\u0014\u0000\u0000\u0000\u0000\u0000', 'latin1'),
  HTML_PAGE,
]);
// A valid WAV whose trailing bytes are an HTML document.
const POLYGLOT_WAV = Buffer.concat([wav(1), HTML_PAGE]);

const SPOKEN = {
  language: 'en',
  duration_seconds: 1,
  text: 'An index on the foreign key.',
  segments: [{ start: 0, end: 1, text: 'An index on the foreign key.' }],
};

// Storage keys (src/storage/local-encrypted.storage.ts): DATA_DIR/files/<last two>/<key>.
const STORED_FILE = /^files\/[a-z0-9-]{2}\/[a-z0-9][a-z0-9-]{7,80}(\.[0-9a-f-]{36}\.tmp)?$/;
const RFC5987_VALUE = /^[A-Za-z0-9!#$&+\-.^_`|~%]+$/;
const UNSAFE_IN_NAME = /[/\\\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function multipart(
  fields: Record<string, string>,
  file: { field: string; param: string; type: string; data: Buffer },
): { raw: Buffer; headers: Record<string, string> } {
  const boundary = `----panelist${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([key, value]) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`,
    ),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; ${file.param}\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    raw: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function expectSafeDisposition(value: string | null, name?: HostileName): void {
  expect(value).not.toBeNull();
  expect(value).not.toMatch(/[\r\n\u0000]/);
  const match = /^attachment; filename="([^"\\]*)"; filename\*=UTF-8''(\S+)$/.exec(value!);
  expect(match).not.toBeNull();
  const [, ascii, extended] = match!;
  expect(ascii).toMatch(/^[\x20-\x7e]+$/);
  expect(ascii).not.toMatch(/[;%]/);
  expect(extended).toMatch(RFC5987_VALUE);
  const decoded = decodeURIComponent(extended);
  for (const shown of [ascii, decoded]) {
    expect(shown).not.toMatch(UNSAFE_IN_NAME);
    expect(shown).not.toMatch(/^[.\s]/);
    expect([...shown].length).toBeLessThanOrEqual(120);
  }
  if (name?.utf8) {
    expect(decoded).toContain(name.utf8);
  }
}

// Sends with a little concurrency: résumé uploads are parsed in worker threads, one per file.
async function inPool<T, R>(
  items: T[],
  lanes: number,
  run: (item: T, lane: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      while (next < items.length) {
        const index = next;
        next += 1;
        results[index] = await run(items[index], lane);
      }
    }),
  );
  return results;
}

const isProblem = (res: HttpResponse) =>
  (res.headers.get('content-type') ?? '').includes('application/problem+json') &&
  res.body?.status === res.status;

describe('Upload file names and part types (e2e)', () => {
  let t: TestApp;
  let fake: FakeGemini;
  let recruiter: SignedIn;
  let candidate: SignedIn;
  // Two uploaders, one per lane: concurrent uploads by one candidate contend on its row.
  const uploaders: SignedIn[] = [];
  const uploaderOf = new Map<string, SignedIn>();
  let jobId: string;
  let initialFiles: Set<string>;
  let initialEntries: Set<string>;
  const slots: { interviewId: string; questionId: string }[] = [];
  const resumeIds: string[] = [];
  let outcomes = 0;

  const download = (path: string, who: SignedIn) =>
    fetch(new URL(path, t.baseUrl), { headers: { authorization: `Bearer ${who.accessToken}` } });

  // Where an accepted résumé is served again, as its owner (or a recruiter for anonymous ones).
  async function expectServedSafely(
    resumeId: string,
    who: SignedIn,
    expectedType: string,
    data: Buffer,
    name?: HostileName,
  ): Promise<void> {
    resumeIds.push(resumeId);
    for (const path of [`/api/resumes/${resumeId}/download`, `/api/resume/download/${resumeId}`]) {
      const res = await download(path, who);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(expectedType);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-injected')).toBeNull();
      expect([...res.headers.keys()].filter((h) => /inject|evil/i.test(h))).toEqual([]);
      expectSafeDisposition(res.headers.get('content-disposition'), name);
      expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
    }
    const meta = await t.http.get(`/api/resumes/${resumeId}`, { token: who.accessToken });
    expect(meta.status).toBe(200);
    expect(meta.headers.get('content-type')).toContain('application/json');
  }

  interface UploadRoute {
    route: string;
    kind: 'resume' | 'audio';
    names: HostileName[];
    send(param: string, type: string, data: Buffer, lane?: number): Promise<HttpResponse>;
    // Checks an accepted upload where it is stored or served.
    accepted(res: HttpResponse, type: string, data: Buffer, name?: HostileName): Promise<void>;
  }

  const applyFields = () => ({
    applicant_name: 'Jordan Lee',
    applicant_email: `${unique('upload_')}@example.com`,
    consent_data_processing: 'true',
  });
  const resumeType = (data: Buffer) =>
    data.subarray(0, 5).toString('latin1') === '%PDF-'
      ? 'application/pdf'
      : 'text/plain; charset=utf-8';
  const appliedResume = async (
    res: HttpResponse,
    _type: string,
    data: Buffer,
    name?: HostileName,
  ) => {
    expect(res.status).toBe(201);
    if (res.body.resume_id) {
      await expectServedSafely(res.body.resume_id, recruiter, resumeType(data), data, name);
    }
  };

  const ROUTES: UploadRoute[] = [
    {
      route: 'POST /api/resume/upload',
      kind: 'resume',
      names: NAMES,
      send: async (param, type, data, lane = 0) => {
        const body = multipart({}, { field: 'file', param, type, data });
        const res = await t.http.post('/api/resume/upload', undefined, {
          ...body,
          token: uploaders[lane].accessToken,
        });
        if (res.body?.resume_id) {
          uploaderOf.set(res.body.resume_id, uploaders[lane]);
        }
        return res;
      },
      accepted: async (res, _type, data, name) => {
        expect(res.status).toBe(201);
        const owner = uploaderOf.get(res.body.resume_id)!;
        await expectServedSafely(res.body.resume_id, owner, resumeType(data), data, name);
      },
    },
    {
      route: 'POST /api/jobs/:id/applications',
      kind: 'resume',
      names: CORE_NAMES,
      send: (param, type, data) => {
        const body = multipart(applyFields(), { field: 'resume', param, type, data });
        return t.http.post(`/api/jobs/${jobId}/applications`, undefined, body);
      },
      accepted: appliedResume,
    },
    {
      route: 'POST /api/job/apply',
      kind: 'resume',
      names: CORE_NAMES,
      send: (param, type, data) => {
        const body = multipart(
          { job_id: jobId, ...applyFields() },
          { field: 'resume', param, type, data },
        );
        return t.http.post('/api/job/apply', undefined, body);
      },
      accepted: appliedResume,
    },
    {
      route: 'POST /api/interviews/:id/answers',
      kind: 'audio',
      names: NAMES,
      send: (param, type, data) => {
        const slot = slots.shift();
        if (!slot) {
          throw new Error('no unanswered question left');
        }
        const body = multipart(
          { question_id: slot.questionId },
          { field: 'audio', param, type, data },
        );
        return t.http.post(`/api/interviews/${slot.interviewId}/answers`, undefined, {
          ...body,
          token: candidate.accessToken,
        });
      },
      accepted: async (res) => {
        expect(res.status).toBe(201);
        const [row] = await t.dataSource.query(
          'SELECT audio_storage_key, audio_format FROM interview_answers WHERE id = $1',
          [res.body.id],
        );
        expect(row).toEqual({
          audio_storage_key: `answer-audio-${res.body.id}`,
          audio_format: 'wav',
        });
      },
    },
    {
      route: 'POST /api/transcribe',
      kind: 'audio',
      names: NAMES,
      send: (param, type, data) => {
        const body = multipart({ language: 'en' }, { field: 'file', param, type, data });
        return t.http.post('/api/transcribe', undefined, {
          ...body,
          token: candidate.accessToken,
        });
      },
      accepted: (res) => {
        expect(res.status).toBe(200);
        expect(res.body).toEqual(SPOKEN);
        return Promise.resolve();
      },
    },
  ];

  const payloadFor = (kind: UploadRoute['kind']) => (kind === 'resume' ? RESUME_TEXT : wav(1));

  // Accepted (checked where it is stored or served) or refused with a 4xx problem; never 5xx.
  async function expectHandled(
    route: UploadRoute,
    res: HttpResponse,
    type: string,
    data: Buffer,
    name?: HostileName,
  ): Promise<void> {
    outcomes += 1;
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('x-injected')).toBeNull();
    if (res.status >= 400) {
      expect(isProblem(res)).toBe(true);
      expect(res.text).not.toMatch(/\bat [\w.]+ \(|TypeError|URIError/);
      return;
    }
    await route.accepted(res, type, data, name);
  }

  beforeAll(async () => {
    fake = await startFakeGemini();
    fake.respondWith((request) =>
      hasInlineAudio(request) ? { kind: 'json', json: SPOKEN } : geminiResponder(request),
    );
    t = await createTestApp({
      env: { GEMINI_API_KEY: fake.apiKey, GEMINI_BASE_URL: fake.baseUrl },
    });
    const admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    const expert = await createStaff(t.http, admin, 'domain_expert');
    candidate = await signupCandidate(t.http);
    uploaders.push(candidate, await signupCandidate(t.http));
    const job = await t.http.post(
      '/api/jobs',
      { title: 'Backend Engineer', description: 'APIs on PostgreSQL.', skills_required: ['SQL'] },
      { token: recruiter.accessToken },
    );
    jobId = job.body.id;
    const generated = await t.http.post(
      '/api/questions/generate',
      { job_id: jobId, count: 20, types: ['technical'] },
      { token: recruiter.accessToken },
    );
    const questionIds: string[] = generated.body.items.map((q: { id: string }) => q.id);
    await t.http.post(
      '/api/questions/approve',
      { question_ids: questionIds, approved: true },
      { token: expert.accessToken },
    );
    const applied = await t.http.post(
      `/api/jobs/${jobId}/applications`,
      { applicant_name: 'Casey', applicant_email: candidate.email, consent_data_processing: true },
      { token: candidate.accessToken },
    );
    // Two interviews over the same questions: one audio answer per question and interview.
    for (let i = 0; i < 2; i += 1) {
      const interview = await t.http.post(
        '/api/interviews',
        {
          application_id: applied.body.id,
          scheduled_at: new Date(Date.now() + 60_000).toISOString(),
          mode: 'async',
          question_ids: questionIds,
        },
        { token: recruiter.accessToken },
      );
      expect(interview.status).toBe(201);
      const started = await t.http.post(
        `/api/interviews/${interview.body.id}/start`,
        {},
        { token: candidate.accessToken },
      );
      expect(started.status).toBe(200);
      slots.push(
        ...questionIds.map((questionId) => ({ interviewId: interview.body.id, questionId })),
      );
    }
    initialFiles = new Set(
      filesUnder(t.dataDir).map((f) => relative(t.dataDir, f).split(sep).join('/')),
    );
    initialEntries = new Set(readdirSync(t.dataDir));
  });

  afterAll(async () => {
    await t?.close();
    await fake?.close();
    delete process.env.GEMINI_API_KEY;
    delete process.env.GEMINI_BASE_URL;
  });

  describe.each(ROUTES)('$route', (route) => {
    const sent = new Map<string, HttpResponse>();

    beforeAll(async () => {
      const data = payloadFor(route.kind);
      const responses = await inPool(route.names, 2, (name, lane) =>
        route.send(name.param, 'application/octet-stream', data, lane),
      );
      route.names.forEach((name, i) => sent.set(name.label, responses[i]));
    });

    it.each(route.names)('handles a file named with $label', async (name) => {
      const data = payloadFor(route.kind);
      await expectHandled(route, sent.get(name.label)!, 'application/octet-stream', data, name);
    });

    it('treats a PDF/HTML/ZIP or WAV/HTML polyglot as its detected type, never text/html', async () => {
      const data = route.kind === 'resume' ? POLYGLOT_PDF : POLYGLOT_WAV;
      const res = await route.send('filename="cv.html"', 'text/html', data);
      await expectHandled(route, res, 'text/html', data);
      expect(res.status).toBeLessThan(300);
    });

    it('detects the type from the bytes when the part Content-Type lies', async () => {
      // Accepted content under a false type: stored and served as what it really is.
      const honest = payloadFor(route.kind);
      const lie = route.kind === 'resume' ? 'application/pdf' : 'image/png';
      const accepted = await route.send('filename="cv.pdf"', lie, honest);
      await expectHandled(route, accepted, lie, honest);
      expect(accepted.status).toBeLessThan(300);
      // Refused content under a type the route accepts: 415, whatever the declared type says.
      const hostile = route.kind === 'resume' ? ZIP_HTML : HTML_PAGE;
      const claimed = route.kind === 'resume' ? 'application/pdf' : 'audio/wav';
      const refused = await route.send('filename="answer.wav"', claimed, hostile);
      await expectHandled(route, refused, claimed, hostile);
      expect(refused.status).toBe(415);
    });
  });

  it('serves an HTML résumé upload as plain text, never as a page', async () => {
    const res = await ROUTES[0].send('filename="cv.html"', 'text/html', HTML_PAGE);
    await expectHandled(ROUTES[0], res, 'text/html', HTML_PAGE);
    expect(res.status).toBe(201);
    const served = await download(`/api/resumes/${res.body.resume_id}/download`, candidate);
    expect(served.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(served.headers.get('content-disposition')).toMatch(
      /^attachment; filename="cv\.html\.txt"/,
    );
  });

  describe('PUT /api/media/upload/:key (signed, raw body)', () => {
    const reserve = async (contentType = 'audio/wav') => {
      const res = await t.http.post(
        '/api/media/upload-url',
        { kind: 'audio', content_type: contentType },
        { token: candidate.accessToken },
      );
      expect(res.status).toBe(201);
      return { key: res.body.file_key as string, path: localPath(res.body.upload_url) };
    };
    const put = (path: string, data: Buffer, headers: Record<string, string>) =>
      t.http.put(path, undefined, { raw: data, headers });
    const mediaRoute: UploadRoute = {
      route: 'PUT /api/media/upload/:key',
      kind: 'audio',
      names: [],
      send: () => Promise.reject(new Error('not used')),
      accepted: (res) => {
        expect(res.status).toBe(200);
        return Promise.resolve();
      },
    };

    it.each([
      ['a Content-Type other than the reserved one', 'audio/webm', wav(1), 'CONTENT_TYPE_MISMATCH'],
      ['text/html', 'text/html', HTML_PAGE, undefined],
      ['HTML bytes declared as audio/wav', 'audio/wav', HTML_PAGE, 'CONTENT_MISMATCH'],
    ])('refuses %s with 415', async (_label, type, data, code) => {
      const { path, key } = await reserve();
      const res = await put(path, data, { 'content-type': type });
      await expectHandled(mediaRoute, res, type, data);
      expect(res.status).toBe(415);
      if (code) {
        expect(res.body.code).toBe(code);
      }
      const [row] = await t.dataSource.query('SELECT status FROM media_files WHERE file_key = $1', [
        key,
      ]);
      expect(row.status).toBe('pending');
    });

    it('stores a WAV/HTML polyglot under its generated key and serves it as audio, ignoring a hostile Content-Disposition', async () => {
      const { path, key } = await reserve();
      const res = await put(path, POLYGLOT_WAV, {
        'content-type': 'audio/wav',
        'content-disposition': 'attachment; filename="../../etc/passwd"',
        'x-file-name': '..%2F..%2Fevil.html',
      });
      await expectHandled(mediaRoute, res, 'audio/wav', POLYGLOT_WAV);
      expect(res.body).toMatchObject({
        file_key: key,
        status: 'uploaded',
        content_type: 'audio/wav',
      });
      const url = await t.http.get('/api/media/download-url', {
        token: candidate.accessToken,
        query: { file_key: key },
      });
      const served = await fetch(new URL(localPath(url.body.download_url), t.baseUrl));
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('audio/wav');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(served.headers.get('content-disposition')).toBe(`attachment; filename="${key}.wav"`);
      expect(Buffer.from(await served.arrayBuffer()).equals(POLYGLOT_WAV)).toBe(true);
    });

    it.each([
      '..%2F..%2Fetc%2Fpasswd',
      '..%5C..%5Cwin.ini',
      '%2Fetc%2Fpasswd',
      'media-..%2F..%2Fx',
      // Under Fastify's 100-character parameter limit, so the route itself answers.
      `media-${'a'.repeat(90)}`,
    ])('answers a key of %s with a 4xx, writing nothing', async (key) => {
      const { path } = await reserve();
      const query = new URL(path, t.baseUrl).search;
      const res = await put(`/api/media/upload/${key}${query}`, wav(1), {
        'content-type': 'audio/wav',
      });
      await expectHandled(mediaRoute, res, 'audio/wav', wav(1));
      expect(res.status).toBeGreaterThanOrEqual(400);
    });
  });

  it('keeps every stored file under DATA_DIR/files with a generated key', () => {
    const added = filesUnder(t.dataDir)
      .map((f) => relative(t.dataDir, f).split(sep).join('/'))
      .filter((f) => !initialFiles.has(f));
    expect(added.length).toBeGreaterThan(20);
    expect(added.filter((f) => !STORED_FILE.test(f))).toEqual([]);
    for (const stray of ['etc', 'win.ini', 'passwd', 'evil.html', '.htaccess']) {
      expect(existsSync(join(t.dataDir, stray))).toBe(false);
      expect(existsSync(join(t.dataDir, 'files', stray))).toBe(false);
      expect(existsSync(join(process.cwd(), stray))).toBe(false);
    }
    expect(readdirSync(t.dataDir).filter((f) => !initialEntries.has(f) && f !== 'files')).toEqual(
      [],
    );
  });

  it('exports the uploads (GDPR zip) under generated paths only', async () => {
    const accepted = await t.http.post(
      '/api/gdpr/export',
      { format: 'csv' },
      { token: candidate.accessToken },
    );
    expect(accepted.status).toBe(202);
    const ready = await until(
      () =>
        t.http.get(`/api/gdpr/exports/${accepted.body.export_id}`, {
          token: candidate.accessToken,
        }),
      (r) => r.body.status === 'ready' || r.body.status === 'failed',
    );
    expect(ready.body.status).toBe('ready');
    const zip = await download(ready.body.download_url, candidate);
    expect(zip.status).toBe(200);
    const entries = Object.keys(unzipSync(new Uint8Array(await zip.arrayBuffer())));
    expect(entries.filter((e) => e.startsWith('files/resumes/')).length).toBeGreaterThan(10);
    for (const entry of entries) {
      expect(entry).toMatch(/^(export\.json|[a-z_]+\.csv|files\/[a-z_-]+\/[a-z0-9-]+\.[a-z0-9]+)$/);
    }
  });

  it('counts the upload outcomes it checked', () => {
    console.log(
      `Upload headers: ${outcomes} uploads over ${ROUTES.length + 1} routes (${resumeIds.length} résumés downloaded and checked)`,
    );
    // Every hostile name on its routes, a polyglot and two lying types per route, then the
    // HTML résumé and the signed PUT cases.
    const perRoute = ROUTES.reduce((n, route) => n + route.names.length + 3, 0);
    expect(outcomes).toBe(perRoute + 1 + 3 + 1 + 5);
  });
});
