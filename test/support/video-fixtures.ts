import { createStaff, loginAdmin, signupCandidate, SignedIn } from './factories';
import { HttpClient } from './http-client';

export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// An interview to attach meetings to: job with approved questions, a signed-in candidate's
// application, and a helper that schedules another live interview on it.
export async function hiringFixture(http: HttpClient) {
  const admin = await loginAdmin(http);
  const recruiter = await createStaff(http, admin, 'recruiter');
  const expert = await createStaff(http, admin, 'domain_expert');
  const candidate = await signupCandidate(http);
  const stranger = await signupCandidate(http);
  const job = await http.post(
    '/api/jobs',
    { title: 'Backend Engineer', description: 'APIs on PostgreSQL.', skills_required: ['SQL'] },
    { token: recruiter.accessToken },
  );
  const generated = await http.post(
    '/api/questions/generate',
    { job_id: job.body.id, count: 2, types: ['technical'] },
    { token: recruiter.accessToken },
  );
  const questionIds = generated.body.items.map((q: { id: string }) => q.id);
  await http.post(
    '/api/questions/approve',
    { question_ids: questionIds, approved: true },
    { token: expert.accessToken },
  );
  const applied = await http.post(
    `/api/jobs/${job.body.id}/applications`,
    { applicant_name: 'Casey', applicant_email: candidate.email, consent_data_processing: true },
    { token: candidate.accessToken },
  );
  expect(applied.status).toBe(201);
  const schedule = async (video: 'zoom' | 'webrtc' | 'none' = 'none') => {
    const res = await http.post(
      '/api/interviews',
      {
        application_id: applied.body.id,
        scheduled_at: new Date(Date.now() + 86_400_000).toISOString(),
        duration_minutes: 45,
        mode: 'live',
        video,
        question_ids: questionIds,
      },
      { token: recruiter.accessToken },
    );
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  return { admin, recruiter, candidate, stranger, schedule };
}

export const meetingBody = (interviewId: string, extra: Record<string, unknown> = {}) => ({
  interview_id: interviewId,
  start_time: new Date(Date.now() + 86_400_000).toISOString(),
  duration_minutes: 45,
  ...extra,
});

export interface SseEvent {
  id?: string;
  event?: string;
  data?: any;
}

// Reads a text/event-stream with fetch; next() resolves with the next `event: signal`.
export async function openSignalStream(
  baseUrl: string,
  who: SignedIn,
  roomId: string,
  headers: Record<string, string> = {},
) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/video/rooms/${roomId}/signal`, {
    headers: {
      authorization: `Bearer ${who.accessToken}`,
      accept: 'text/event-stream',
      ...headers,
    },
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const nextEvent = async (): Promise<SseEvent> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: SseEvent = {};
        for (const line of block.split('\n')) {
          const [field, ...rest] = line.split(': ');
          if (field === 'id' || field === 'event') {
            event[field] = rest.join(': ');
          } else if (field === 'data') {
            event.data = JSON.parse(rest.join(': '));
          }
        }
        if (event.event === 'signal') {
          return event;
        }
        continue;
      }
      const { value, done } = await reader.read();
      if (done) {
        throw new Error('stream ended');
      }
      buffer += decoder.decode(value, { stream: true });
    }
  };
  return {
    res,
    next: async (ms = 10_000) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no signal event in time')), ms);
      });
      try {
        return await Promise.race([nextEvent(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => controller.abort(),
  };
}
