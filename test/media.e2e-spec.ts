import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MediaPersonalData } from '../src/media/media.personal-data';
import { deriveMediaSigningKey, MediaUrlSigner } from '../src/media/signing/media-url-signer';
import { m4a, wav, webm } from './support/audio-fixtures';
import { createStaff, loginAdmin, signupCandidate, SignedIn } from './support/factories';
import { FakeGemini, startFakeGemini } from './support/fake-gemini-server';
import {
  answerWithAudio,
  geminiResponder,
  hasInlineAudio,
  InterviewFixture,
  putChunked,
  startInterview,
  transcribe,
  until,
  uploadMedia,
} from './support/media-helpers';
import { createTestApp, TEST_SECRETS, TestApp } from './support/test-app';

// Transcription and analysis run in the queue and sign-ups hash passwords.
jest.setTimeout(60_000);

const MAX_AUDIO_BYTES = 256 * 1024;

// Hand-computed in src/media/analysis/speech-metrics.spec.ts: 30 words in 30 s, 6 fillers,
// one 3-second pause.
const CANNED_SEGMENTS = [
  { start: 0, end: 10, text: 'So um I think the main thing is like caching the results' },
  { start: 13, end: 20, text: 'You know we used PostgreSQL and I like how it handles indexes' },
  { start: 20.5, end: 30, text: 'Basically it was uh fast enough' },
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('Media without a transcription provider (e2e)', () => {
  let t: TestApp;
  let alice: SignedIn;
  let bob: SignedIn;
  let recruiter: SignedIn;
  const analysis = (id: string, who: SignedIn) =>
    t.http.get(`/api/media/analyses/${id}`, { token: who.accessToken });

  beforeAll(async () => {
    delete process.env.GEMINI_API_KEY;
    delete process.env.GEMINI_BASE_URL;
    t = await createTestApp({ env: { MEDIA_MAX_AUDIO_BYTES: String(MAX_AUDIO_BYTES) } });
    alice = await signupCandidate(t.http);
    bob = await signupCandidate(t.http);
    recruiter = await createStaff(t.http, await loginAdmin(t.http), 'recruiter');
  });

  afterAll(() => t.close());

  it('answers 503 to POST /api/transcribe, saying no provider is configured', async () => {
    const res = await transcribe(t, alice, wav(1));
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'TRANSCRIPTION_NOT_CONFIGURED', status: 503 });
    expect(res.body.detail).toMatch(/no transcription provider is configured/i);
    // A request that is not an upload at all is the client's error, provider or not.
    const json = await t.http.post('/api/transcribe', {}, { token: alice.accessToken });
    expect(json.status).toBe(415);
  });

  it('documents every media route in the OpenAPI document', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    expect(
      doc.paths['/api/transcribe'].post.requestBody.content['multipart/form-data'],
    ).toBeDefined();
    expect(doc.paths['/api/transcribe'].post.responses['200']).toBeDefined();
    for (const path of [
      '/api/media/upload-url',
      '/api/media/upload/{key}',
      '/api/media/download-url',
      '/api/media/download/{key}',
      '/api/media/analyze',
      '/api/media/analyses/{id}',
    ]) {
      expect(doc.paths[path]).toBeDefined();
    }
    expect(doc.components.schemas.AnalysisResponse.properties.metrics).toBeDefined();
  });

  it('round-trips a signed upload: identical bytes back, encrypted on disk', async () => {
    const audio = wav(2, { bits: 16 });
    const { fileKey, put, uploadPath } = await uploadMedia(t, alice, audio);
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      file_key: fileKey,
      status: 'uploaded',
      content_type: 'audio/wav',
      size_bytes: audio.length,
      duration_seconds: 2,
    });
    expect(uploadPath).toMatch(
      /^\/api\/media\/upload\/media-[0-9a-f-]{36}\?expires=\d+&signature=/,
    );

    const again = await t.http.put(uploadPath, undefined, {
      raw: audio,
      headers: { 'content-type': 'audio/wav' },
    });
    expect(again.status).toBe(409);

    const link = await t.http.get('/api/media/download-url', {
      token: alice.accessToken,
      query: { file_key: fileKey },
    });
    expect(link.status).toBe(200);
    expect(Date.parse(link.body.expires_at)).toBeGreaterThan(Date.now());
    const url = new URL(link.body.download_url);
    const download = await fetch(new URL(`${url.pathname}${url.search}`, t.baseUrl));
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(audio)).toBe(true);
    expect(download.headers.get('content-type')).toBe('audio/wav');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('cache-control')).toBe('no-store');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="${fileKey}.wav"`,
    );

    const onDisk = filesUnder(join(t.dataDir, 'files')).filter((f) => f.endsWith(fileKey));
    expect(onDisk).toHaveLength(1);
    const stored = readFileSync(onDisk[0]);
    expect(stored.equals(audio)).toBe(false);
    expect(stored.includes(audio.subarray(1000, 1064))).toBe(false);
    expect(stored.includes(Buffer.from('RIFF'))).toBe(false);

    // Anyone else but staff: 404, as if the file did not exist.
    const foreign = await t.http.get('/api/media/download-url', {
      token: bob.accessToken,
      query: { file_key: fileKey },
    });
    expect(foreign.status).toBe(404);
    const staff = await t.http.get('/api/media/download-url', {
      token: recruiter.accessToken,
      query: { file_key: fileKey },
    });
    expect(staff.status).toBe(200);
  });

  it('refuses a tampered, an expired or an unsigned URL', async () => {
    const reserved = await t.http.post(
      '/api/media/upload-url',
      { kind: 'audio', content_type: 'audio/wav' },
      { token: alice.accessToken },
    );
    const url = new URL(reserved.body.upload_url);
    const put = (search: string) =>
      t.http.put(`${url.pathname}?${search}`, undefined, {
        raw: wav(1),
        headers: { 'content-type': 'audio/wav' },
      });
    const signature = url.searchParams.get('signature')!;
    const expires = Number(url.searchParams.get('expires'));
    const flipped =
      signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
    const tampered = await put(`expires=${expires}&signature=${flipped}`);
    expect(tampered.status).toBe(403);
    expect(tampered.body.code).toBe('INVALID_SIGNATURE');
    // A later expiry with the old signature is a forgery, not an extension.
    const extended = await put(`expires=${expires + 3600}&signature=${signature}`);
    expect(extended.body.code).toBe('INVALID_SIGNATURE');

    // A correctly signed URL whose time has passed (signed here with the server's derived key).
    const signer = new MediaUrlSigner(deriveMediaSigningKey(TEST_SECRETS.JWT_SECRET));
    const past = Math.floor(Date.now() / 1000) - 5;
    const expiredSignature = signer.sign({
      method: 'PUT',
      fileKey: reserved.body.file_key,
      contentType: 'audio/wav',
      maxBytes: MAX_AUDIO_BYTES,
      expires: past,
      ownerId: alice.id,
    });
    const expired = await put(`expires=${past}&signature=${expiredSignature}`);
    expect(expired.status).toBe(403);
    expect(expired.body.code).toBe('URL_EXPIRED');

    expect((await put('expires=1&signature=x')).status).toBe(403);
    expect((await put('')).status).toBe(400);
    expect((await put(url.search.slice(1))).status).toBe(200);
  });

  it('enforces the declared content type and the container behind it', async () => {
    const reserved = await t.http.post(
      '/api/media/upload-url',
      { kind: 'audio', content_type: 'audio/wav' },
      { token: alice.accessToken },
    );
    const path = new URL(reserved.body.upload_url);
    const put = (raw: Buffer, type: string) =>
      t.http.put(`${path.pathname}${path.search}`, undefined, {
        raw,
        headers: { 'content-type': type },
      });
    const wrongType = await put(wav(1), 'audio/mpeg');
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.code).toBe('CONTENT_TYPE_MISMATCH');
    const renamed = await put(Buffer.from('just some text, not audio at all'), 'audio/wav');
    expect(renamed.status).toBe(415);
    expect(renamed.body.code).toBe('CONTENT_MISMATCH');
    const m4aAsWav = await put(m4a(1000), 'audio/wav');
    expect(m4aAsWav.status).toBe(415);
    // A refused body leaves the URL usable.
    expect((await put(wav(1), 'audio/wav; codecs=1')).status).toBe(200);

    expect(
      (
        await t.http.post(
          '/api/media/upload-url',
          { kind: 'audio', content_type: 'application/pdf' },
          { token: alice.accessToken },
        )
      ).status,
    ).toBe(415);
    // Other routes still refuse audio bodies.
    const elsewhere = await t.http.post('/api/auth/login', undefined, {
      raw: wav(1),
      headers: { 'content-type': 'audio/wav' },
    });
    expect(elsewhere.status).toBe(415);
  });

  it('accepts a video recording and sniffs its container', async () => {
    const { put } = await uploadMedia(t, alice, webm(4500), 'video/webm', 'video');
    expect(put.status).toBe(200);
    expect(put.body.duration_seconds).toBe(4.5);
  });

  it('stops an oversized body with 413, by Content-Length and while streaming', async () => {
    const big = wav(MAX_AUDIO_BYTES / 8000 + 1);
    const declared = await uploadMedia(t, alice, big);
    expect(declared.put.status).toBe(413);
    expect(declared.put.body.code).toBe('FILE_TOO_LARGE');

    const reserved = await t.http.post(
      '/api/media/upload-url',
      { kind: 'audio', content_type: 'audio/wav' },
      { token: alice.accessToken },
    );
    const path = new URL(reserved.body.upload_url);
    const chunk = big.subarray(0, 64 * 1024);
    const streamed = await putChunked(t.baseUrl, `${path.pathname}${path.search}`, 'audio/wav', [
      chunk,
      chunk,
      chunk,
      chunk,
      chunk,
      chunk,
    ]);
    expect(streamed.status).toBe(413);
    const [row] = await t.dataSource.query(
      'SELECT status, size_bytes FROM media_files WHERE file_key = $1',
      [reserved.body.file_key],
    );
    expect(row).toEqual({ status: 'pending', size_bytes: null });
  });

  it('fails an analysis with no provider, and analyses a client-side transcript', async () => {
    const { fileKey } = await uploadMedia(t, alice, wav(31, { sampleRate: 2000 }));
    const queued = await t.http.post(
      '/api/media/analyze',
      { file_key: fileKey },
      { token: alice.accessToken },
    );
    expect(queued.status).toBe(202);
    expect(queued.body).toEqual({ analysis_id: expect.any(String), status: 'queued' });
    const failed = await until(
      () => analysis(queued.body.analysis_id, alice),
      (r) => r.body.status === 'failed',
    );
    expect(failed.body).toMatchObject({
      status: 'failed',
      error: 'no transcription provider configured',
      transcript: null,
      metrics: null,
    });

    const client = await t.http.post(
      '/api/media/analyze',
      { file_key: fileKey, transcript: { segments: CANNED_SEGMENTS, language: 'en' } },
      { token: alice.accessToken },
    );
    expect(client.status).toBe(202);
    const done = await until(
      () => analysis(client.body.analysis_id, alice),
      (r) => r.body.status === 'completed',
    );
    expect(done.body.metrics).toMatchObject({ word_count: 30, words_per_minute: 60 });
    expect(done.body.transcript.duration_seconds).toBe(31);

    expect((await analysis(client.body.analysis_id, bob)).status).toBe(404);
    expect((await analysis(client.body.analysis_id, recruiter)).status).toBe(200);
    const foreign = await t.http.post(
      '/api/media/analyze',
      { file_key: fileKey },
      { token: bob.accessToken },
    );
    expect(foreign.status).toBe(404);
    const invented = await t.http.post(
      '/api/media/analyze',
      { file_key: fileKey, transcript: { segments: [{ start: 0, end: 90, text: 'Too long' }] } },
      { token: alice.accessToken },
    );
    expect(invented.status).toBe(400);
  });
});

describe('Transcription and analysis with Gemini (e2e, fake Gemini server)', () => {
  let t: TestApp;
  let fake: FakeGemini;
  let f: InterviewFixture;
  const MODEL = 'gemini-test-audio';
  const audioRequests = () => fake.requests.filter(hasInlineAudio);
  const results = () =>
    t.http.get(`/api/interviews/${f.interviewId}/results`, { token: f.recruiter.accessToken });
  const answerResult = async (answerId: string) =>
    (await results()).body.answers.find((a: { answer_id: string }) => a.answer_id === answerId);

  beforeAll(async () => {
    fake = await startFakeGemini();
    fake.respondWith(geminiResponder);
    t = await createTestApp({
      env: {
        GEMINI_API_KEY: fake.apiKey,
        GEMINI_BASE_URL: fake.baseUrl,
        GEMINI_MODEL: MODEL,
        TRANSCRIBE_MAX_BYTES: String(64 * 1024),
        TRANSCRIBE_MAX_SECONDS: '20',
      },
    });
    f = await startInterview(t);
  });

  afterAll(async () => {
    await t.close();
    await fake.close();
    for (const key of [
      'GEMINI_API_KEY',
      'GEMINI_BASE_URL',
      'GEMINI_MODEL',
      'TRANSCRIBE_MAX_BYTES',
      'TRANSCRIBE_MAX_SECONDS',
      'MEDIA_MAX_AUDIO_BYTES',
    ]) {
      delete process.env[key];
    }
  });

  const spoken = {
    language: 'en',
    duration_seconds: 2,
    text: 'I would add an index on the foreign key and check the query plan with explain analyze.',
    segments: [
      { start: 0.2, end: 1.1, text: 'I would add an index on the foreign key' },
      { start: 1.2, end: 1.95, text: 'and check the query plan with explain analyze.' },
    ],
  };

  it('transcribes a recording: inline audio to the configured model, transcript shape back', async () => {
    const audio = wav(2);
    const before = audioRequests().length;
    fake.enqueue({ kind: 'json', json: spoken });
    const res = await transcribe(t, f.other, audio, { language: 'en' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(spoken);
    const [request] = audioRequests().slice(before);
    expect(request.path).toBe(`/v1/models/${MODEL}:generateContent`);
    expect(request.apiKey).toBe(fake.apiKey);
    const inline = (request.body as any).contents[0].parts[0].inlineData;
    expect(inline).toEqual({ mimeType: 'audio/wav', data: audio.toString('base64') });
  });

  it('refuses non-audio (415) and too much audio (413) without calling the provider', async () => {
    const before = audioRequests().length;
    const renamed = await transcribe(
      t,
      f.other,
      Buffer.from('%PDF-1.7 not audio'),
      {},
      'audio/wav',
    );
    expect(renamed.status).toBe(415);
    const oversize = await transcribe(t, f.other, wav(10));
    expect(oversize.status).toBe(413);
    const tooLong = await transcribe(t, f.other, wav(25, { sampleRate: 1000 }));
    expect(tooLong.status).toBe(413);
    expect(tooLong.body.code).toBe('AUDIO_TOO_LONG');
    expect(audioRequests()).toHaveLength(before);
  });

  it('transcribes an audio answer in the background, then scores it', async () => {
    fake.enqueue({ kind: 'json', json: spoken });
    const answer = await answerWithAudio(t, f, f.questionIds[0], wav(2));
    expect(answer.status).toBe(201);
    expect(answer.body.scoring_status).toBe('awaiting_transcript');
    const scored = await until(
      () => answerResult(answer.body.id),
      (a) => a?.scoring_status === 'scored',
    );
    expect(scored).toMatchObject({
      answer_text: spoken.text,
      input: 'audio',
      scoring_status: 'scored',
      scored_by: 'gemini',
    });
    const [row] = await t.dataSource.query(
      `SELECT a.answer_text_encrypted, t.content_encrypted, t.source, t.duration_seconds
         FROM interview_answers a JOIN media_transcripts t ON t.answer_id = a.id WHERE a.id = $1`,
      [answer.body.id],
    );
    expect(row).toMatchObject({ source: 'gemini', duration_seconds: 2 });
    expect(row.answer_text_encrypted).not.toContain('index');
    expect(row.content_encrypted).not.toContain('index');
  });

  it('stores a POST /api/transcribe transcript on my waiting answer and scores it', async () => {
    // The background job's attempt is refused, so the answer stays waiting for its transcript.
    fake.enqueue({ kind: 'error', status: 400 });
    const answer = await answerWithAudio(t, f, f.questionIds[1], wav(2));
    const gaveUp = await until(
      () =>
        t.dataSource.query(
          `SELECT 1 FROM audit_events WHERE action = 'interview.answer_transcription_failed' AND target_id = $1`,
          [answer.body.id],
        ),
      (rows) => rows.length > 0,
    );
    expect(gaveUp).toHaveLength(1);
    expect((await answerResult(answer.body.id)).scoring_status).toBe('awaiting_transcript');

    const foreign = await transcribe(t, f.other, wav(2), { answer_id: answer.body.id });
    expect(foreign.status).toBe(404);

    fake.enqueue({ kind: 'json', json: spoken });
    const res = await transcribe(t, f.candidate, wav(2), { answer_id: answer.body.id });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(spoken);
    const scored = await until(
      () => answerResult(answer.body.id),
      (a) => a?.scoring_status === 'scored',
    );
    expect(scored).toMatchObject({ answer_text: spoken.text, scored_by: 'gemini' });
    const twice = await transcribe(t, f.candidate, wav(2), { answer_id: answer.body.id });
    expect(twice.status).toBe(409);
  });

  it('analyses an upload with the provider: metrics from the canned segments and advice', async () => {
    const { fileKey } = await uploadMedia(t, f.candidate, wav(30.5, { sampleRate: 2000 }));
    fake.enqueue({
      kind: 'json',
      json: {
        language: 'en',
        duration_seconds: 30.5,
        text: CANNED_SEGMENTS.map((s) => s.text).join(' '),
        segments: CANNED_SEGMENTS,
      },
    });
    const get = (id: string) =>
      t.http.get(`/api/media/analyses/${id}`, { token: f.candidate.accessToken });
    const queued = await t.http.post(
      '/api/media/analyze',
      { file_key: fileKey },
      { token: f.candidate.accessToken },
    );
    expect(queued.status).toBe(202);
    const done = await until(
      () => get(queued.body.analysis_id),
      (r) => r.body.status === 'completed' || r.body.status === 'failed',
    );
    expect(done.body.status).toBe('completed');
    expect(done.body.transcript).toMatchObject({ language: 'en', duration_seconds: 30.5 });
    expect(done.body.metrics).toMatchObject({
      word_count: 30,
      speaking_span_seconds: 30,
      speech_seconds: 26.5,
      words_per_minute: 60,
      articulation_wpm: 67.9,
      pace_windows: [{ start: 0, end: 30, words: 30, wpm: 60 }],
      fillers: {
        count: 6,
        per_100_words: 20,
        by_word: { so: 1, um: 1, like: 1, 'you know': 1, basically: 1, uh: 1 },
      },
      long_pauses: { threshold_seconds: 2, count: 1, longest_seconds: 3, total_seconds: 3 },
    });
    expect(done.body.advice.map((a: { code: string }) => a.code)).toEqual([
      'pace_too_slow',
      'fillers_frequent',
    ]);
    expect(done.body.advice[0].message).toContain('60 words per minute');

    // A second analysis reuses the stored transcript: no new provider call.
    const before = audioRequests().length;
    const again = await t.http.post(
      '/api/media/analyze',
      { file_key: fileKey },
      { token: f.candidate.accessToken },
    );
    const second = await until(
      () => get(again.body.analysis_id),
      (r) => r.body.status === 'completed',
    );
    expect(second.body.metrics.word_count).toBe(30);
    expect(audioRequests()).toHaveLength(before);
  });

  it('exports, then erases, the person’s files, transcripts and analyses (GDPR handler)', async () => {
    const handler = t.app.get(MediaPersonalData);
    const [candidate] = await t.dataSource.query('SELECT id FROM candidates WHERE user_id = $1', [
      f.candidate.id,
    ]);
    const subject = { userId: f.candidate.id, candidateId: candidate.id };
    const exported = await handler.export(subject);
    expect(exported.records.media_files).toHaveLength(1);
    expect(exported.files).toHaveLength(1);
    expect(exported.files![0].path).toMatch(/^media\/media-[0-9a-f-]{36}\.wav$/);
    const texts = exported.records.media_transcripts.map((r) => r.text);
    expect(texts).toEqual(expect.arrayContaining([spoken.text]));
    expect(texts).toHaveLength(3);
    expect(exported.records.media_analyses).toHaveLength(2);
    const fileKey = exported.records.media_files[0].file_key as string;

    const counts = await t.dataSource.transaction((manager) => handler.erase(subject, manager));
    expect(counts).toMatchObject({ media_files: 1, media_transcripts: 2 });
    const [left] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM media_files WHERE owner_id = $1) AS files,
              (SELECT count(*)::int FROM media_transcripts t JOIN interview_answers a
                 ON a.id = t.answer_id WHERE a.candidate_id = $2) AS answer_transcripts,
              (SELECT count(*)::int FROM media_analyses) AS analyses`,
      [f.candidate.id, candidate.id],
    );
    expect(left).toEqual({ files: 0, answer_transcripts: 0, analyses: 0 });
    expect(filesUnder(join(t.dataDir, 'files')).some((p) => p.endsWith(fileKey))).toBe(false);
  });
});
