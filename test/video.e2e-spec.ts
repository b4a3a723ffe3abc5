import { createHmac, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZOOM_ERASURE_QUEUE } from '../src/video/video.queues';
import { VideoPersonalData } from '../src/video/video.personal-data';
import { SignalHub } from '../src/video/webrtc/signal-hub.service';
import { FakeZoomServer } from './support/fake-zoom-server';
import type { SignedIn } from './support/factories';
import { createTestApp, TEST_SECRETS, TestApp } from './support/test-app';
import { hiringFixture, meetingBody, openSignalStream, until } from './support/video-fixtures';

// Vendors are faked over real HTTP, the queue does the follow-up work, and streams are read live.
jest.setTimeout(90_000);

const WEBHOOK_SECRET = 'zoom-webhook-secret-token-for-tests';
const ZOOM_ENV_KEYS = [
  'ZOOM_ACCOUNT_ID',
  'ZOOM_CLIENT_ID',
  'ZOOM_CLIENT_SECRET',
  'ZOOM_WEBHOOK_SECRET_TOKEN',
  'ZOOM_API_BASE_URL',
  'ZOOM_OAUTH_BASE_URL',
  'ZOOM_ERASURE_RETRY_DELAY_SECONDS',
];

const TERMINAL_REQUEST_STATES = ['completed', 'failed', 'blocked'];

// A GDPR erasure of a candidate through the API, as an admin; resolves once it has finished.
async function eraseCandidate(t: TestApp, admin: SignedIn, candidateId: string) {
  const res = await t.http.post(
    '/api/gdpr/delete',
    { candidate_id: candidateId },
    { token: admin.accessToken },
  );
  expect(res.status).toBe(202);
  return until(
    () => t.http.get(`/api/gdpr/requests/${res.body.request_id}`, { token: admin.accessToken }),
    (r) => TERMINAL_REQUEST_STATES.includes(r.body.status),
  );
}

async function candidateIdOf(t: TestApp, user: SignedIn): Promise<string> {
  const [row] = await t.dataSource.query('SELECT id FROM candidates WHERE user_id = $1', [user.id]);
  return row.id;
}

describe('Video (e2e)', () => {
  describe('built-in WebRTC rooms (Zoom not configured)', () => {
    let t: TestApp;
    let second: TestApp;
    let f: Awaited<ReturnType<typeof hiringFixture>>;
    let interviewId: string;
    let roomId: string;
    const turnUrls = ['stun:stun.panelist.test:3478', 'turn:turn.panelist.test:3478?transport=udp'];
    const streams: { close(): void }[] = [];
    const post = (who: SignedIn, type: string, payload: unknown, app = t) =>
      app.http.post(
        `/api/video/rooms/${roomId}/signal`,
        { type, payload },
        {
          token: who.accessToken,
        },
      );

    beforeAll(async () => {
      ZOOM_ENV_KEYS.forEach((key) => delete process.env[key]);
      t = await createTestApp({ env: { TURN_URLS: turnUrls.join(',') } });
      // A second API instance on the same database: signalling must cross between them.
      second = await createTestApp({ env: { DATABASE_URL: t.databaseUrl } });
      f = await hiringFixture(t.http);
      interviewId = await f.schedule();
    });

    afterAll(async () => {
      streams.forEach((s) => s.close());
      await second.close();
      await t.close();
      delete process.env.TURN_URLS;
    });

    it('creates a room as the meeting, with a join_url and no passcode', async () => {
      const res = await t.http.post('/api/video/meetings', meetingBody(interviewId), {
        token: f.recruiter.accessToken,
      });
      expect(res.status).toBe(201);
      roomId = res.body.id;
      expect(res.body).toMatchObject({
        provider: 'webrtc',
        external_id: null,
        passcode: null,
        interview_id: interviewId,
      });
      expect(res.body.join_url).toMatch(new RegExp(`/api/video/rooms/${roomId}$`));
      expect(res.body.start_url).toBe(res.body.join_url);
      const room = await t.http.get(`/api/video/rooms/${roomId}`, {
        token: f.candidate.accessToken,
      });
      expect(room.status).toBe(200);
      expect(room.body).toMatchObject({ id: roomId, role: 'candidate', interview_id: interviewId });
      const mine = await t.http.get(`/api/video/meetings/${roomId}`, {
        token: f.candidate.accessToken,
      });
      expect(mine.status).toBe(200);
      expect(mine.body).not.toHaveProperty('start_url');
    });

    it('issues TURN REST credentials that verify with the shared secret', async () => {
      const res = await t.http.get(`/api/video/rooms/${roomId}/ice-servers`, {
        token: f.candidate.accessToken,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body).toHaveLength(1);
      const [server] = res.body;
      expect(server.urls).toEqual(turnUrls);
      const [expiry, opaque] = server.username.split(':');
      const now = Date.now() / 1000;
      expect(Number(expiry)).toBeGreaterThan(now + 3500);
      expect(Number(expiry)).toBeLessThan(now + 3700);
      expect(opaque).toMatch(/^[A-Za-z0-9_-]{16,}$/);
      expect(server.username).not.toContain(f.candidate.id);
      const expected = createHmac('sha1', TEST_SECRETS.TURN_SECRET)
        .update(server.username)
        .digest('base64');
      expect(server.credential).toBe(expected);
    });

    it('answers 404 to anyone but the interview candidate and staff', async () => {
      const token = f.stranger.accessToken;
      const base = `/api/video/rooms/${roomId}`;
      const answers = [
        await t.http.get(base, { token }),
        await t.http.get(`${base}/ice-servers`, { token }),
        await t.http.post(`${base}/signal`, { type: 'offer', payload: {} }, { token }),
        await t.http.get(`${base}/signal`, { token }),
        await t.http.post(
          `${base}/transcript`,
          { text: 'hi', at: new Date().toISOString() },
          { token },
        ),
        await t.http.get(`/api/video/meetings/${roomId}`, { token }),
      ];
      expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
      expect(answers[3].headers.get('content-type')).toContain('application/problem+json');
    });

    it('replays a message posted before the candidate connected', async () => {
      const offer = { type: 'offer', sdp: 'v=0 recruiter-offer' };
      const posted = await post(f.recruiter, 'offer', offer);
      expect(posted.status).toBe(201);
      const stream = await openSignalStream(t.baseUrl, f.candidate, roomId);
      streams.push(stream);
      expect(stream.res.status).toBe(200);
      expect(stream.res.headers.get('content-type')).toContain('text/event-stream');
      expect(stream.res.headers.get('x-request-id')).toBeTruthy();
      const event = await stream.next();
      expect(event.id).toBe(String(posted.body.seq));
      expect(event.data).toMatchObject({ type: 'offer', from: 'staff', payload: offer });
      stream.close();
      const stored = await t.dataSource.query(
        'SELECT payload_encrypted FROM video_signals WHERE id = $1',
        [posted.body.id],
      );
      expect(stored[0].payload_encrypted).not.toContain('recruiter-offer');
    });

    it("streams the other participant's messages live, never your own", async () => {
      const latest = await post(f.recruiter, 'ice-candidate', { candidate: 'before' });
      const since = { 'last-event-id': String(latest.body.seq) };
      const recruiterStream = await openSignalStream(t.baseUrl, f.recruiter, roomId, since);
      const candidateStream = await openSignalStream(t.baseUrl, f.candidate, roomId, since);
      streams.push(recruiterStream, candidateStream);
      const own = await post(f.recruiter, 'ice-candidate', { candidate: 'recruiter-own' });
      const answer = await post(f.candidate, 'answer', { type: 'answer', sdp: 'v=0 answer' });
      const toRecruiter = await recruiterStream.next();
      expect(toRecruiter.data).toMatchObject({ type: 'answer', from: 'candidate' });
      expect(toRecruiter.id).toBe(String(answer.body.seq));
      const toCandidate = await candidateStream.next();
      expect(toCandidate.data).toMatchObject({
        type: 'ice-candidate',
        payload: { candidate: 'recruiter-own' },
      });
      expect(toCandidate.id).toBe(String(own.body.seq));
      recruiterStream.close();
      candidateStream.close();
    });

    it('delivers a message posted on one API instance to a stream on another', async () => {
      const latest = await post(f.candidate, 'ice-candidate', { candidate: 'sync-point' });
      const remote = await openSignalStream(second.baseUrl, f.candidate, roomId, {
        'last-event-id': String(latest.body.seq),
      });
      streams.push(remote);
      expect(remote.res.status).toBe(200);
      const sent = await post(f.recruiter, 'offer', { type: 'offer', sdp: 'v=0 cross-instance' });
      const event = await remote.next();
      expect(event.id).toBe(String(sent.body.seq));
      expect(event.data.payload.sdp).toBe('v=0 cross-instance');
      remote.close();
    });

    it('comes back after its listener connection is cut, and keeps delivering', async () => {
      const latest = await post(f.candidate, 'ice-candidate', { candidate: 'before-cut' });
      const stream = await openSignalStream(t.baseUrl, f.candidate, roomId, {
        'last-event-id': String(latest.body.seq),
      });
      streams.push(stream);
      const listeners = async () =>
        (
          await t.dataSource.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE application_name = 'panelist-video-signals' AND datname = current_database()`,
          )
        )[0].n;
      const cut = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM (
           SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE application_name = 'panelist-video-signals' AND datname = current_database()) x`,
      );
      expect(cut[0].n).toBeGreaterThan(0);
      expect(await until(listeners, (n) => n > 0)).toBeGreaterThan(0);
      const sent = await post(f.recruiter, 'offer', { type: 'offer', sdp: 'v=0 after-cut' });
      const event = await stream.next();
      expect(event.id).toBe(String(sent.body.seq));
      expect(event.data.payload.sdp).toBe('v=0 after-cut');
      stream.close();
    });

    it("drops a stream's listener when its client disconnects", async () => {
      const open = [t, second].map((app) => app.app.get(SignalHub));
      const stream = await openSignalStream(second.baseUrl, f.candidate, roomId);
      expect(open[1].subscriberCount).toBeGreaterThan(0);
      stream.close();
      const counts = await until(
        () => Promise.resolve(open.map((hub) => hub.subscriberCount)),
        (n) => n.every((c) => c === 0),
      );
      expect(counts).toEqual([0, 0]);
    });

    it('validates signals and stores transcript lines encrypted', async () => {
      const bad = await post(f.candidate, 'renegotiate', {});
      expect(bad.status).toBe(400);
      const line = await t.http.post(
        `/api/video/rooms/${roomId}/transcript`,
        { text: 'I designed the billing ledger', at: new Date().toISOString() },
        { token: f.candidate.accessToken },
      );
      expect(line.status).toBe(201);
      expect(line.body).toMatchObject({ room_id: roomId, speaker_role: 'candidate' });
      const rows = await t.dataSource.query(
        'SELECT text_encrypted FROM video_transcript_lines WHERE id = $1',
        [line.body.id],
      );
      expect(rows[0].text_encrypted).not.toContain('billing');
      const read = await t.http.get(`/api/video/rooms/${roomId}/transcript`, {
        token: f.recruiter.accessToken,
      });
      expect(read.body.items.map((l: { text: string }) => l.text)).toEqual([
        'I designed the billing ledger',
      ]);
    });

    it('closes the room when the interview is cancelled', async () => {
      const cancel = await t.http.post(
        `/api/interviews/${interviewId}/cancel`,
        {},
        { token: f.recruiter.accessToken },
      );
      expect(cancel.status).toBe(200);
      const closed = await until(
        () => post(f.recruiter, 'offer', { sdp: 'late' }),
        (r) => r.status === 409,
      );
      expect(closed.body).toMatchObject({ code: 'ROOM_CLOSED' });
    });

    it('refuses Zoom webhooks with 503 when no webhook secret is configured', async () => {
      const res = await t.http.post('/api/video/zoom/webhook', { event: 'meeting.started' });
      expect(res.status).toBe(503);
      expect(res.body.detail).toBe('Zoom webhooks are not configured');
    });

    it('queues no Zoom erasure when Zoom is not configured, and says so in the counts', async () => {
      // A Zoom meeting left from a time Zoom was configured: nothing can reach Zoom now.
      await t.dataSource.query(
        `INSERT INTO video_meetings (id, interview_id, provider, external_id, topic_encrypted,
           join_url_encrypted, start_time, duration_minutes, status)
         VALUES (gen_random_uuid(), $1, 'zoom', '98765432101', 'x', 'x', now(), 45, 'cancelled')`,
        [interviewId],
      );
      const done = await eraseCandidate(t, f.admin, await candidateIdOf(t, f.candidate));
      expect(done.body.status).toBe('completed');
      expect(done.body.erased_counts).toMatchObject({
        video_meetings: 2,
        zoom_meetings_not_reached: 1,
      });
      expect(done.body.erased_counts).not.toHaveProperty('zoom_meetings_queued');
      const jobs = await t.dataSource.query('SELECT id FROM pgboss.job WHERE name = $1', [
        ZOOM_ERASURE_QUEUE,
      ]);
      expect(jobs).toEqual([]);
    });
  });

  describe('Zoom', () => {
    let t: TestApp;
    let zoom: FakeZoomServer;
    let f: Awaited<ReturnType<typeof hiringFixture>>;
    const meetings: Record<string, any> = {};
    const zoomTime = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');
    const create = (interviewId: string, path = '/api/video/meetings') =>
      t.http.post(path, meetingBody(interviewId), { token: f.recruiter.accessToken });
    const signedHeaders = (body: string, ts = Math.floor(Date.now() / 1000)) => ({
      'content-type': 'application/json',
      'x-zm-request-timestamp': String(ts),
      'x-zm-signature': `v0=${createHmac('sha256', WEBHOOK_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
    });
    const webhook = (body: string, headers: Record<string, string>) =>
      t.http.post('/api/video/zoom/webhook', undefined, { raw: body, headers });
    const interviewOf = (id: string) =>
      t.http.get(`/api/interviews/${id}`, { token: f.recruiter.accessToken });
    const recordingsOf = (meetingId: string) =>
      t.http.get('/api/video/recordings', {
        token: f.recruiter.accessToken,
        query: { meeting_id: meetingId },
      });

    beforeAll(async () => {
      zoom = new FakeZoomServer({
        accountId: 'acct-test',
        clientId: 'client-test',
        clientSecret: 'client-secret-test',
      });
      await zoom.start();
      t = await createTestApp({
        env: {
          ZOOM_ACCOUNT_ID: 'acct-test',
          ZOOM_CLIENT_ID: 'client-test',
          ZOOM_CLIENT_SECRET: 'client-secret-test',
          ZOOM_WEBHOOK_SECRET_TOKEN: WEBHOOK_SECRET,
          ZOOM_API_BASE_URL: zoom.apiBaseUrl,
          ZOOM_OAUTH_BASE_URL: zoom.baseUrl,
        },
      });
      f = await hiringFixture(t.http);
    });

    afterAll(async () => {
      await t.close();
      await zoom.stop();
      ZOOM_ENV_KEYS.forEach((key) => delete process.env[key]);
    });

    // Interviews here are scheduled with no video choice, so the meetings these tests create by
    // hand (at the configured provider, Zoom) never race the one scheduling with video 'zoom'
    // opens on its own (test/interview-video.e2e-spec.ts).
    it('creates meetings with one cached token; cloud recording only with consent', async () => {
      const first = await f.schedule();
      const res = await create(first);
      expect(res.status).toBe(201);
      meetings.first = res.body;
      const [call] = zoom.callsTo('POST', /^\/v2\/users\/me\/meetings$/);
      expect(call.body).toEqual({
        topic: 'Interview: Backend Engineer',
        type: 2,
        start_time: zoomTime(res.body.start_time),
        duration: 45,
        timezone: 'UTC',
        password: res.body.passcode,
        settings: { waiting_room: true, join_before_host: false, auto_recording: 'none' },
      });
      expect(call.body.start_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(res.body).toMatchObject({
        provider: 'zoom',
        external_id: expect.stringMatching(/^\d+$/),
        auto_recording: 'none',
        passcode: expect.stringMatching(/^[A-Za-z0-9]{10}$/),
      });
      expect(res.body.join_url).toContain('https://zoom.us/j/');
      expect(res.body.start_url).toContain('zak=');

      const consent = await t.http.post(
        '/api/gdpr/consent',
        { purpose: 'recording', granted: true, policy_version: '1' },
        { token: f.candidate.accessToken },
      );
      expect(consent.status).toBe(201);
      const second = await create(await f.schedule(), '/api/video/create-meeting');
      expect(second.status).toBe(201);
      meetings.second = second.body;
      expect(zoom.callsTo('POST', /meetings$/)[1].body.settings.auto_recording).toBe('cloud');
      expect(zoom.tokensIssued).toBe(1);

      const asCandidate = await t.http.get(`/api/video/meetings/${second.body.id}`, {
        token: f.candidate.accessToken,
      });
      expect(asCandidate.status).toBe(200);
      expect(asCandidate.body).not.toHaveProperty('start_url');
      expect(asCandidate.body.join_url).toBe(second.body.join_url);
      const list = await t.http.get('/api/video/meetings', { token: f.candidate.accessToken });
      expect(list.status).toBe(403);
      const again = await create(first);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('MEETING_EXISTS');
      const [row] = await t.dataSource.query(
        'SELECT start_url_encrypted, join_url_encrypted FROM video_meetings WHERE id = $1',
        [res.body.id],
      );
      expect(JSON.stringify(row)).not.toContain('zoom.us');
    });

    it('refreshes the token once after a 401 and waits out a 429', async () => {
      zoom.failNext({ status: 401 });
      const refreshed = await create(await f.schedule());
      expect(refreshed.status).toBe(201);
      expect(zoom.tokensIssued).toBe(2);
      const posts = zoom.callsTo('POST', /meetings$/).slice(-2);
      expect(posts[0].authorization).not.toBe(posts[1].authorization);

      zoom.failNext({ status: 429, retryAfter: 1 });
      const started = Date.now();
      const limited = await create(await f.schedule());
      expect(limited.status).toBe(201);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(zoom.tokensIssued).toBe(2);
    });

    it("turns a Zoom error into a 502 problem with Zoom's message", async () => {
      const interviewId = await f.schedule();
      zoom.failNext({ status: 400, body: { code: 300, message: 'Invalid meeting start time.' } });
      const res = await create(interviewId);
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.detail).toContain('Invalid meeting start time.');
      expect(res.text).not.toMatch(/at .*\.ts:\d+|Bearer|fake-access/);
      const stored = await t.http.get('/api/video/meetings', {
        token: f.recruiter.accessToken,
        query: { interview_id: interviewId },
      });
      expect(stored.body.items).toEqual([]);
    });

    it('moves the Zoom meeting on reschedule and deletes it on cancel', async () => {
      const { id, external_id: externalId, interview_id: interviewId } = meetings.first;
      const newTime = new Date(Date.now() + 3 * 86_400_000);
      newTime.setUTCMilliseconds(0);
      const patched = await t.http.patch(
        `/api/interviews/${interviewId}`,
        { scheduled_at: newTime.toISOString(), duration_minutes: 60 },
        { token: f.recruiter.accessToken },
      );
      expect(patched.status).toBe(200);
      const patch = await until(
        () => Promise.resolve(zoom.callsTo('PATCH', new RegExp(`/meetings/${externalId}$`))),
        (calls) => calls.length > 0,
      );
      expect(patch[0].body).toMatchObject({
        start_time: zoomTime(newTime.toISOString()),
        duration: 60,
        timezone: 'UTC',
      });
      const moved = await until(
        () => t.http.get(`/api/video/meetings/${id}`, { token: f.recruiter.accessToken }),
        (r) => r.body.duration_minutes === 60,
      );
      expect(moved.body.start_time).toBe(newTime.toISOString());

      await t.http.post(
        `/api/interviews/${interviewId}/cancel`,
        {},
        {
          token: f.recruiter.accessToken,
        },
      );
      const cancelled = await until(
        () => t.http.get(`/api/video/meetings/${id}`, { token: f.recruiter.accessToken }),
        (r) => r.body.status === 'cancelled',
      );
      expect(cancelled.body.status).toBe('cancelled');
      expect(zoom.callsTo('DELETE', new RegExp(`/meetings/${externalId}$`))).toHaveLength(1);
      expect(zoom.meetings.has(externalId)).toBe(false);
    });

    it("syncs recordings from Zoom's paged listing, once", async () => {
      const { id, external_id: externalId } = meetings.second;
      const content = Buffer.concat([Buffer.from('SYNCED-RECORDING '), randomBytes(2048)]);
      const file = zoom.addRecordingFile(Number(externalId), content);
      const now = new Date().toISOString();
      zoom.recordedMeetings.push(
        {
          id: Number(externalId),
          uuid: 'u1',
          topic: 't',
          start_time: now,
          recording_files: [file],
        },
        { id: 123456789, uuid: 'u2', topic: 'not ours', start_time: now, recording_files: [] },
      );
      const from = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
      const res = await t.http.post(
        '/api/video/recordings/sync',
        { from },
        { token: f.recruiter.accessToken },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        meetings_listed: 2,
        meetings_matched: 1,
        recordings_added: 1,
      });
      const listings = zoom.callsTo('GET', /\/users\/me\/recordings$/);
      expect(listings.length).toBe(3); // two one-month windows, the second one two pages
      expect(listings[2].query.next_page_token).toBe('page-1');
      expect(listings[0].query.from).toBe(from);
      const again = await t.http.post(
        '/api/video/recordings/sync',
        { from },
        {
          token: f.recruiter.accessToken,
        },
      );
      expect(again.body.recordings_added).toBe(0);
      const stored = await until(
        () => recordingsOf(id),
        (r) => r.body.items[0]?.status === 'stored',
      );
      expect(stored.body.items[0]).toMatchObject({ source: 'sync', stored_bytes: content.length });
    });

    it('verifies webhook signatures, answers the URL challenge and ignores replays', async () => {
      const plainToken = randomBytes(12).toString('base64url');
      const challenge = JSON.stringify({
        event: 'endpoint.url_validation',
        event_ts: Date.now(),
        payload: { plainToken },
      });
      const validated = await webhook(challenge, signedHeaders(challenge));
      expect(validated.status).toBe(200);
      expect(validated.body).toEqual({
        plainToken,
        encryptedToken: createHmac('sha256', WEBHOOK_SECRET).update(plainToken).digest('hex'),
      });

      const { external_id: externalId, interview_id: interviewId, id } = meetings.second;
      const started = JSON.stringify({
        event: 'meeting.started',
        event_ts: Date.now(),
        payload: { account_id: 'acct-test', object: { id: Number(externalId), uuid: 'x==' } },
      });
      const headers = signedHeaders(started);
      const tampered = started.replace('meeting.started', 'meeting.startee');
      expect((await webhook(tampered, headers)).status).toBe(401);
      const stale = signedHeaders(started, Math.floor(Date.now() / 1000) - 360);
      expect((await webhook(started, stale)).status).toBe(401);
      const unsigned = await webhook(started, { 'content-type': 'application/json' });
      expect(unsigned.status).toBe(401);
      expect(unsigned.headers.get('content-type')).toContain('application/problem+json');

      expect((await webhook(started, headers)).body).toEqual({ status: 'accepted' });
      // Zoom's retry: same body, fresh timestamp and signature.
      const replay = await webhook(
        started,
        signedHeaders(started, Math.floor(Date.now() / 1000) + 1),
      );
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual({ status: 'duplicate' });
      const inProgress = await until(
        () => interviewOf(interviewId),
        (r) => r.body.status === 'In Progress',
      );
      expect(inProgress.body.started_at).toBeTruthy();
      const events = await t.dataSource.query(
        `SELECT status FROM zoom_webhook_events WHERE event = 'meeting.started'`,
      );
      expect(events).toEqual([{ status: 'processed' }]);
      const meeting = await t.http.get(`/api/video/meetings/${id}`, {
        token: f.recruiter.accessToken,
      });
      expect(meeting.body.status).toBe('started');

      const ended = JSON.stringify({
        event: 'meeting.ended',
        event_ts: Date.now(),
        payload: { object: { id: Number(externalId), end_time: new Date().toISOString() } },
      });
      expect((await webhook(ended, signedHeaders(ended))).status).toBe(200);
      const completed = await until(
        () => interviewOf(interviewId),
        (r) => r.body.status === 'Completed',
      );
      expect(completed.body.completed_at).toBeTruthy();
      // The recruiter hears about a live interview ending just as about an async one.
      const notices = await t.dataSource.query(
        `SELECT template, category FROM mail_messages WHERE event_key = $1`,
        [`interview_completed:${interviewId}`],
      );
      expect(notices).toEqual([{ template: 'interview_completed', category: 'staff' }]);
    });

    it('downloads a completed recording into encrypted storage, only from Zoom hosts', async () => {
      const { id, external_id: externalId } = meetings.second;
      const marker = `WEBHOOK-RECORDING-${randomBytes(6).toString('hex')}`;
      const content = Buffer.concat([Buffer.from(marker), randomBytes(4096)]);
      const file = zoom.addRecordingFile(Number(externalId), content);
      const evil = { ...file, id: 'file-evil', download_url: 'http://169.254.169.254/latest/meta' };
      const downloadToken = `dl-${randomBytes(8).toString('hex')}`;
      zoom.downloadTokens.add(downloadToken);
      const body = JSON.stringify({
        event: 'recording.completed',
        event_ts: Date.now(),
        download_token: downloadToken,
        payload: { object: { id: Number(externalId), recording_files: [file, evil] } },
      });
      expect((await webhook(body, signedHeaders(body))).body).toEqual({ status: 'accepted' });
      const settled = await until(
        () => recordingsOf(id),
        (r) =>
          ['file-evil', file.id].every((fileId) =>
            r.body.items.some((x: any) => x.external_file_id === fileId && x.status !== 'pending'),
          ),
      );
      const byFile = (fileId: string) =>
        settled.body.items.find((x: any) => x.external_file_id === fileId);
      expect(byFile(file.id)).toMatchObject({ status: 'stored', source: 'webhook' });
      expect(byFile('file-evil')).toMatchObject({ status: 'failed' });
      expect(byFile('file-evil').last_error).toContain('Refusing to download from 169.254.169.254');
      const fetches = zoom.calls.filter((c) => c.path === `/rec/download/${file.id}`);
      expect(fetches.map((c) => c.authorization)).toEqual([`Bearer ${downloadToken}`]);

      const download = await fetch(
        `${t.baseUrl}/api/video/recordings/${byFile(file.id).id}/download`,
        { headers: { authorization: `Bearer ${f.recruiter.accessToken}` } },
      );
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
      // At rest the file is ciphertext.
      const filesRoot = join(t.dataDir, 'files');
      const onDisk = readdirSync(filesRoot, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => readFileSync(join(e.parentPath, e.name)));
      expect(onDisk.length).toBeGreaterThan(0);
      expect(onDisk.some((data) => data.includes(marker))).toBe(false);
    });

    it("exports and erases a candidate's video data, recording files included", async () => {
      const handler = t.app.get(VideoPersonalData);
      const [row] = await t.dataSource.query('SELECT id FROM candidates WHERE user_id = $1', [
        f.candidate.id,
      ]);
      const subject = { userId: f.candidate.id, candidateId: row.id as string };
      const exported = await handler.export(subject);
      expect(exported.records.video_meetings).toHaveLength(4);
      expect(exported.records.video_meetings[0].topic).toBe('Interview: Backend Engineer');
      expect(exported.files!.map((file) => file.path)).toHaveLength(2);
      const counts = await t.dataSource.transaction((manager) => handler.erase(subject, manager));
      expect(counts).toMatchObject({
        video_meetings: 4,
        video_recordings: 3,
        zoom_meetings_queued: 4,
      });
      const recordingFiles = readdirSync(join(t.dataDir, 'files'), { recursive: true }).filter(
        (name) => String(name).includes('recording-'),
      );
      expect(recordingFiles).toEqual([]);
      const left = await t.dataSource.query('SELECT count(*)::int AS n FROM video_meetings');
      expect(left[0].n).toBe(0);
    });
  });

  describe('GDPR erasure at Zoom', () => {
    let t: TestApp;
    let zoom: FakeZoomServer;
    const zoomJobOf = (meetingId: string) =>
      until(
        async () =>
          (
            await t.dataSource.query(
              `SELECT state, retry_count FROM pgboss.job WHERE name = $1 AND data->>'meeting_id' = $2`,
              [ZOOM_ERASURE_QUEUE, meetingId],
            )
          )[0] as { state: string; retry_count: number } | undefined,
        (job) => job?.state === 'completed' || job?.state === 'failed',
      );
    const auditOf = (action: string, meetingId: string) =>
      t.dataSource.query(
        `SELECT target_type, target_id, metadata FROM audit_events
          WHERE action = $1 AND metadata->>'meeting_id' = $2`,
        [action, meetingId],
      );
    // A candidate with a Zoom meeting for an interview, and cloud recordings of it at Zoom: one
    // set per meeting instance (a meeting started twice has two instances, each with a UUID).
    const candidateWithRecordings = async (instanceUuids: string[]) => {
      const f = await hiringFixture(t.http);
      const res = await t.http.post('/api/video/meetings', meetingBody(await f.schedule()), {
        token: f.recruiter.accessToken,
      });
      expect(res.status).toBe(201);
      const externalId = res.body.external_id as string;
      instanceUuids.forEach((uuid, i) =>
        zoom.addRecordedInstance({
          id: Number(externalId),
          uuid,
          topic: 'Interview: Backend Engineer',
          start_time: new Date(Date.now() - (instanceUuids.length - i) * 600_000).toISOString(),
          recording_files: [zoom.addRecordingFile(Number(externalId), randomBytes(1024))],
        }),
      );
      return {
        f,
        meetingId: res.body.id as string,
        externalId,
        candidateId: await candidateIdOf(t, f.candidate),
      };
    };

    beforeAll(async () => {
      zoom = new FakeZoomServer({
        accountId: 'acct-test',
        clientId: 'client-test',
        clientSecret: 'client-secret-test',
      });
      await zoom.start();
      zoom.recordingsPageSize = 10;
      t = await createTestApp({
        env: {
          ZOOM_ACCOUNT_ID: 'acct-test',
          ZOOM_CLIENT_ID: 'client-test',
          ZOOM_CLIENT_SECRET: 'client-secret-test',
          ZOOM_API_BASE_URL: zoom.apiBaseUrl,
          ZOOM_OAUTH_BASE_URL: zoom.baseUrl,
          // Back-off from 1 s instead of 30 s, so two retries fit in a test.
          ZOOM_ERASURE_RETRY_DELAY_SECONDS: '1',
        },
      });
    });

    afterAll(async () => {
      await t.close();
      await zoom.stop();
      ZOOM_ENV_KEYS.forEach((key) => delete process.env[key]);
    });

    it("deletes the erased candidate's cloud recordings and meeting at Zoom, nobody else's", async () => {
      const erased = await candidateWithRecordings(['inst-a1==', '/inst//a2==']);
      const kept = await candidateWithRecordings(['inst-b1==']);
      // Our own copies too: the erasure removes those itself.
      const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const sync = await t.http.post(
        '/api/video/recordings/sync',
        { from },
        { token: erased.f.recruiter.accessToken },
      );
      expect(sync.body).toMatchObject({ meetings_matched: 3, recordings_added: 3 });
      const stored = await until(
        () =>
          t.dataSource.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM video_recordings WHERE status = 'stored'`,
          ),
        (rows) => rows[0].n === 3,
      );
      expect(stored[0].n).toBe(3);

      const done = await eraseCandidate(t, erased.f.admin, erased.candidateId);
      expect(done.body.status).toBe('completed');
      expect(done.body.erased_counts).toMatchObject({
        video_meetings: 1,
        video_recordings: 2,
        zoom_meetings_queued: 1,
      });
      expect(await zoomJobOf(erased.meetingId)).toEqual({ state: 'completed', retry_count: 0 });

      const id = erased.externalId;
      expect(zoom.callsTo('GET', new RegExp(`^/v2/past_meetings/${id}/instances$`))).toHaveLength(
        1,
      );
      // Every instance by its UUID (one with slashes double-encoded), then the latest by the
      // meeting id; permanently, not into Zoom's trash.
      const deletions = zoom.callsTo('DELETE', /\/recordings$/);
      expect(deletions.map((c) => [c.path, c.query.action])).toEqual([
        ['/v2/meetings/inst-a1%3D%3D/recordings', 'delete'],
        ['/v2/meetings/%252Finst%252F%252Fa2%253D%253D/recordings', 'delete'],
        [`/v2/meetings/${id}/recordings`, 'delete'],
      ]);
      expect(zoom.callsTo('DELETE', new RegExp(`^/v2/meetings/${id}$`))).toHaveLength(1);
      expect(zoom.recordingsOf(id)).toEqual([]);
      expect(zoom.trash).toEqual([]);
      expect(zoom.meetings.has(id)).toBe(false);

      expect(zoom.recordingsOf(kept.externalId)).toHaveLength(1);
      expect(zoom.files.has(zoom.recordingsOf(kept.externalId)[0].recording_files[0].id)).toBe(
        true,
      );
      expect(zoom.meetings.has(kept.externalId)).toBe(true);
      expect(zoom.calls.filter((c) => c.path.includes(kept.externalId))).toEqual([]);
      const keptCopies = await t.http.get('/api/video/recordings', {
        token: kept.f.recruiter.accessToken,
        query: { meeting_id: kept.meetingId },
      });
      expect(keptCopies.body.items).toHaveLength(1);

      const audit = await auditOf('video.zoom_meeting_erased', erased.meetingId);
      expect(audit).toEqual([
        {
          target_type: 'candidate',
          target_id: erased.candidateId,
          metadata: {
            meeting_id: erased.meetingId,
            recording_sets_deleted: 2,
            meeting_deleted: true,
          },
        },
      ]);
      expect(JSON.stringify(audit)).not.toContain(id);
    });

    it('retries with back-off when Zoom answers 500, and finishes the job', async () => {
      const erased = await candidateWithRecordings(['inst-c1==']);
      const failing = (call: { method: string; path: string }) =>
        call.method === 'DELETE' && call.path === '/v2/meetings/inst-c1%3D%3D/recordings';
      for (let i = 0; i < 2; i += 1) {
        zoom.failNext({
          status: 500,
          body: { code: 500, message: 'Internal Error' },
          match: failing,
        });
      }
      const done = await eraseCandidate(t, erased.f.admin, erased.candidateId);
      expect(done.body.status).toBe('completed');
      expect(await zoomJobOf(erased.meetingId)).toEqual({ state: 'completed', retry_count: 2 });
      expect(zoom.calls.filter(failing)).toHaveLength(3);
      expect(zoom.recordingsOf(erased.externalId)).toEqual([]);
      expect(zoom.meetings.has(erased.externalId)).toBe(false);
      expect(await auditOf('video.zoom_meeting_erased', erased.meetingId)).toEqual([
        expect.objectContaining({
          metadata: {
            meeting_id: erased.meetingId,
            recording_sets_deleted: 1,
            meeting_deleted: true,
          },
        }),
      ]);
      expect(await auditOf('video.zoom_meeting_erasure_failed', erased.meetingId)).toEqual([]);
    });

    it('gives up at once on a refusal that waiting cannot fix, and audits it', async () => {
      const erased = await candidateWithRecordings(['inst-d1==']);
      zoom.failNext({
        status: 403,
        body: { code: 4711, message: 'Invalid access token, does not contain scopes.' },
        match: (call) => call.path === `/v2/past_meetings/${erased.externalId}/instances`,
      });
      const done = await eraseCandidate(t, erased.f.admin, erased.candidateId);
      expect(done.body.status).toBe('completed');
      expect(await zoomJobOf(erased.meetingId)).toEqual({ state: 'completed', retry_count: 0 });
      expect(await auditOf('video.zoom_meeting_erasure_failed', erased.meetingId)).toEqual([
        {
          target_type: 'candidate',
          target_id: erased.candidateId,
          metadata: { meeting_id: erased.meetingId, reason: 'REFUSED', vendor_status: 403 },
        },
      ]);
      // Nothing was deleted at Zoom, and the audit says so rather than claiming success.
      expect(zoom.recordingsOf(erased.externalId)).toHaveLength(1);
      expect(await auditOf('video.zoom_meeting_erased', erased.meetingId)).toEqual([]);
    });
  });
});
