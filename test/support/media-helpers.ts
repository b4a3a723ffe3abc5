import { request as httpRequest } from 'node:http';
import type { FakeGeminiReply, RecordedGeminiRequest } from './fake-gemini-server';
import { createStaff, loginAdmin, signupCandidate, SignedIn } from './factories';
import type { HttpResponse } from './http-client';
import type { TestApp } from './test-app';

export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// The signed URLs carry PUBLIC_BASE_URL; tests call the same path and query on the test server.
export const localPath = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

export function audioForm(data: Buffer, fields: Record<string, string> = {}, type = 'audio/wav') {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    form.append(key, value);
  }
  form.append('file', new Blob([data], { type }), 'answer.wav');
  return form;
}

export const transcribe = (
  t: TestApp,
  who: SignedIn,
  data: Buffer,
  fields: Record<string, string> = {},
  type?: string,
): Promise<HttpResponse> =>
  t.http.post('/api/transcribe', undefined, {
    token: who.accessToken,
    raw: audioForm(data, fields, type),
  });

// Reserves a signed upload URL and PUTs the bytes to it.
export async function uploadMedia(
  t: TestApp,
  who: SignedIn,
  data: Buffer,
  contentType = 'audio/wav',
  kind: 'audio' | 'video' = 'audio',
): Promise<{ fileKey: string; put: HttpResponse; uploadPath: string }> {
  const reserved = await t.http.post(
    '/api/media/upload-url',
    { kind, content_type: contentType },
    { token: who.accessToken },
  );
  if (reserved.status !== 201) {
    throw new Error(`upload-url failed: ${reserved.status} ${reserved.text}`);
  }
  const uploadPath = localPath(reserved.body.upload_url);
  const put = await t.http.put(uploadPath, undefined, {
    raw: data,
    headers: { 'content-type': contentType },
  });
  return { fileKey: reserved.body.file_key, put, uploadPath };
}

// A PUT with a chunked body (no Content-Length), so only the streaming byte counter can stop it.
export function putChunked(
  baseUrl: string,
  path: string,
  contentType: string,
  chunks: Buffer[],
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(path, baseUrl),
      { method: 'PUT', headers: { 'content-type': contentType, 'transfer-encoding': 'chunked' } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // The server may close the connection once it has answered 413; that is the point.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    const write = (i: number) => {
      if (i >= chunks.length) {
        req.end();
        return;
      }
      req.write(chunks[i], () => setImmediate(() => write(i + 1)));
    };
    write(0);
  });
}

export const hasInlineAudio = (request: RecordedGeminiRequest): boolean =>
  ((request.body as any)?.contents?.[0]?.parts ?? []).some((p: any) => p.inlineData);

// Scoring prompts get a valid score; question generation is refused (offline fallback), and
// audio falls through to the queue, where each test puts the transcript it expects.
export function geminiResponder(request: RecordedGeminiRequest): FakeGeminiReply | undefined {
  if (hasInlineAudio(request)) {
    return undefined;
  }
  const required: string[] =
    (request.body as any)?.generationConfig?.responseSchema?.required ?? [];
  if (required.includes('scores')) {
    return {
      kind: 'json',
      json: {
        scores: { relevance: 7, completeness: 6, accuracy: 7, clarity: 8 },
        rationale: 'Explains the approach with a concrete example.',
        matched_key_points: [],
        missed_key_points: [],
        flags: [],
      },
    };
  }
  return { kind: 'error', status: 400 };
}

export interface InterviewFixture {
  recruiter: SignedIn;
  candidate: SignedIn;
  other: SignedIn;
  interviewId: string;
  questionIds: string[];
}

// A recruiter, an approved question set, a consenting candidate whose interview is in progress,
// and a second candidate.
export async function startInterview(t: TestApp): Promise<InterviewFixture> {
  const admin = await loginAdmin(t.http);
  const recruiter = await createStaff(t.http, admin, 'recruiter');
  const expert = await createStaff(t.http, admin, 'domain_expert');
  const job = await t.http.post(
    '/api/jobs',
    { title: 'Backend Engineer', description: 'APIs on PostgreSQL.', skills_required: ['SQL'] },
    { token: recruiter.accessToken },
  );
  const generated = await t.http.post(
    '/api/questions/generate',
    { job_id: job.body.id, count: 3, types: ['technical'] },
    { token: recruiter.accessToken },
  );
  const questionIds: string[] = generated.body.items.map((q: { id: string }) => q.id);
  await t.http.post(
    '/api/questions/approve',
    { question_ids: questionIds, approved: true },
    { token: expert.accessToken },
  );
  const candidate = await signupCandidate(t.http);
  const applied = await t.http.post(
    `/api/jobs/${job.body.id}/applications`,
    { applicant_name: 'Casey', applicant_email: candidate.email, consent_data_processing: true },
    { token: candidate.accessToken },
  );
  await t.http.post(
    '/api/gdpr/consent',
    { purpose: 'ai_evaluation', granted: true, policy_version: '2026-01' },
    { token: candidate.accessToken },
  );
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
  if (interview.status !== 201) {
    throw new Error(`schedule failed: ${interview.status} ${interview.text}`);
  }
  await t.http.post(
    `/api/interviews/${interview.body.id}/start`,
    {},
    { token: candidate.accessToken },
  );
  const other = await signupCandidate(t.http);
  return { recruiter, candidate, other, interviewId: interview.body.id, questionIds };
}

export async function answerWithAudio(
  t: TestApp,
  f: InterviewFixture,
  questionId: string,
  audio: Buffer,
): Promise<HttpResponse> {
  const form = new FormData();
  form.append('question_id', questionId);
  form.append('audio', new Blob([audio], { type: 'audio/wav' }), 'answer.wav');
  return t.http.post(`/api/interviews/${f.interviewId}/answers`, undefined, {
    token: f.candidate.accessToken,
    raw: form,
  });
}
