import { QueueService } from '../src/queue/queue.service';
import { MeetingsService } from '../src/video/meetings.service';
import { VIDEO_MEETING_CREATE_QUEUE } from '../src/video/video.queues';
import { FakeZoomServer } from './support/fake-zoom-server';
import { createTestApp, TestApp } from './support/test-app';
import { hiringFixture, until } from './support/video-fixtures';

// Scheduling an interview with video opens its meeting through the queue; the interview response
// then carries it. Zoom is configured (faked over HTTP), so 'webrtc' proves the room override.
jest.setTimeout(90_000);

const ZOOM_ENV = {
  ZOOM_ACCOUNT_ID: 'acct-test',
  ZOOM_CLIENT_ID: 'client-test',
  ZOOM_CLIENT_SECRET: 'client-secret-test',
  ZOOM_WEBHOOK_SECRET_TOKEN: 'zoom-webhook-secret-token-for-tests',
};

describe('Interview video meetings (e2e)', () => {
  let t: TestApp;
  let zoom: FakeZoomServer;
  let f: Awaited<ReturnType<typeof hiringFixture>>;
  const createCalls = () => zoom.callsTo('POST', /^\/v2\/users\/me\/meetings$/);
  const interviewAs = (token: string, id: string) => t.http.get(`/api/interviews/${id}`, { token });
  const meetingShows = (id: string) =>
    until(
      () => interviewAs(f.recruiter.accessToken, id),
      (r) => r.body.meeting != null,
    );
  const meetingRows = async (interviewId: string) =>
    (
      await t.dataSource.query(
        'SELECT id, status FROM video_meetings WHERE interview_id = $1 ORDER BY created_at',
        [interviewId],
      )
    ).map((r: { status: string }) => r.status);

  beforeAll(async () => {
    zoom = new FakeZoomServer({
      accountId: ZOOM_ENV.ZOOM_ACCOUNT_ID,
      clientId: ZOOM_ENV.ZOOM_CLIENT_ID,
      clientSecret: ZOOM_ENV.ZOOM_CLIENT_SECRET,
    });
    await zoom.start();
    t = await createTestApp({
      env: {
        ...ZOOM_ENV,
        ZOOM_API_BASE_URL: zoom.apiBaseUrl,
        ZOOM_OAUTH_BASE_URL: zoom.baseUrl,
      },
    });
    f = await hiringFixture(t.http);
  });

  afterAll(async () => {
    await t.close();
    await zoom.stop();
    Object.keys({ ...ZOOM_ENV, ZOOM_API_BASE_URL: '', ZOOM_OAUTH_BASE_URL: '' }).forEach(
      (key) => delete process.env[key],
    );
  });

  it("opens a WebRTC room for video 'webrtc', with the host link for staff only", async () => {
    const id = await f.schedule('webrtc');
    const res = await meetingShows(id);
    expect(res.status).toBe(200);
    const { meeting } = res.body;
    expect(meeting).toEqual({
      id: expect.any(String),
      provider: 'webrtc',
      join_url: expect.stringMatching(new RegExp(`/api/video/rooms/${meeting.id}$`)),
      start_url: meeting.join_url,
      passcode: null,
      start_time: res.body.scheduled_at,
      status: 'scheduled',
    });
    expect(createCalls()).toHaveLength(0);

    const asCandidate = await interviewAs(f.candidate.accessToken, id);
    expect(asCandidate.status).toBe(200);
    expect(asCandidate.body.meeting).toEqual({
      id: meeting.id,
      provider: 'webrtc',
      join_url: meeting.join_url,
      passcode: null,
      start_time: meeting.start_time,
      status: 'scheduled',
    });
    const candidateList = await t.http.get('/api/interviews', { token: f.candidate.accessToken });
    const listed = candidateList.body.items.find((i: { id: string }) => i.id === id);
    expect(listed.meeting).toEqual(asCandidate.body.meeting);
    const staffList = await t.http.get('/api/interviews', { token: f.recruiter.accessToken });
    const staffListed = staffList.body.items.find((i: { id: string }) => i.id === id);
    expect(staffListed.meeting).toEqual(meeting);

    // The room is a real one: its candidate may fetch ICE servers for it.
    const ice = await t.http.get(`/api/video/rooms/${meeting.id}/ice-servers`, {
      token: f.candidate.accessToken,
    });
    expect(ice.status).toBe(200);
    expect(await meetingRows(id)).toEqual(['scheduled']);
  });

  it("creates exactly one Zoom meeting for video 'zoom', however often the job runs", async () => {
    const before = createCalls().length;
    const id = await f.schedule('zoom');
    const res = await meetingShows(id);
    const { meeting } = res.body;
    expect(meeting).toMatchObject({
      provider: 'zoom',
      join_url: expect.stringContaining('https://zoom.us/j/'),
      start_url: expect.stringContaining('zak='),
      passcode: expect.stringMatching(/^[A-Za-z0-9]{10}$/),
      start_time: res.body.scheduled_at,
      status: 'scheduled',
    });
    const calls = createCalls().slice(before);
    expect(calls).toHaveLength(1);
    // No `recording` consent from the candidate: Zoom must not record.
    expect(calls[0].body).toMatchObject({
      topic: 'Interview: Backend Engineer',
      duration: 45,
      password: meeting.passcode,
      settings: { auto_recording: 'none' },
    });

    const asCandidate = await interviewAs(f.candidate.accessToken, id);
    expect(asCandidate.body.meeting).not.toHaveProperty('start_url');
    expect(asCandidate.body.meeting.join_url).toBe(meeting.join_url);
    expect(asCandidate.text).not.toContain('zak=');

    // The job again, through the queue and directly: the existing meeting means done.
    const jobId = await t.app
      .get(QueueService)
      .enqueue(VIDEO_MEETING_CREATE_QUEUE, { interview_id: id });
    await t.app.get(MeetingsService).createForInterview(id);
    const finished = await until(
      async () =>
        (await t.dataSource.query('SELECT state FROM pgboss.job WHERE id = $1', [jobId]))[0]
          ?.state as string | undefined,
      (state) => state === 'completed' || state === 'failed',
    );
    expect(finished).toBe('completed');
    expect(createCalls().slice(before)).toHaveLength(1);
    expect(zoom.callsTo('DELETE', /\/meetings\//)).toHaveLength(0);
    expect(await meetingRows(id)).toEqual(['scheduled']);
    expect((await interviewAs(f.recruiter.accessToken, id)).body.meeting).toEqual(meeting);

    // A recruiter's own POST for the same interview is the documented 409.
    const manual = await t.http.post(
      '/api/video/meetings',
      {
        interview_id: id,
        start_time: res.body.scheduled_at,
        duration_minutes: 45,
      },
      { token: f.recruiter.accessToken },
    );
    expect(manual.status).toBe(409);
    expect(manual.body.code).toBe('MEETING_EXISTS');
  });

  it('leaves one live Zoom meeting when runs race, and none once cancelled', async () => {
    const id = await f.schedule('zoom');
    const meetings = t.app.get(MeetingsService);
    await Promise.all([meetings.createForInterview(id), meetings.createForInterview(id)]);
    const { meeting } = (await meetingShows(id)).body;
    expect(await meetingRows(id)).toEqual(['scheduled']);
    // Any losing run deleted its own meeting at Zoom; the stored one is the only one left.
    const live = [...zoom.meetings.values()].filter((m) => m.join_url === meeting.join_url);
    expect(live).toHaveLength(1);
    const deleted = zoom.callsTo('DELETE', /\/meetings\//);
    expect(createCalls().length - deleted.length).toBe(zoom.meetings.size);

    const cancel = await t.http.post(
      `/api/interviews/${id}/cancel`,
      {},
      { token: f.recruiter.accessToken },
    );
    expect(cancel.status).toBe(200);
    const gone = await until(
      () => interviewAs(f.recruiter.accessToken, id),
      (r) => r.body.meeting === null,
    );
    expect(gone.body.meeting).toBeNull();
    expect(await meetingRows(id)).toEqual(['cancelled']);
  });
});
