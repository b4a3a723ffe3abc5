import { randomBytes, randomInt } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeZoomCredentials {
  accountId: string;
  clientId: string;
  clientSecret: string;
}

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: any;
}

export interface FakeRecordingFile {
  id: string;
  recording_type: string;
  file_type: string;
  file_extension: string;
  file_size: number;
  recording_start: string;
  recording_end: string;
  download_url: string;
}

export interface FakeRecordedMeeting {
  id: number;
  uuid: string;
  topic: string;
  start_time: string;
  recording_files: FakeRecordingFile[];
}

type Failure = (
  | { status: 401 }
  | { status: 429; retryAfter: number }
  | { status: number; body: Record<string, unknown> }
) & {
  // Only a call this accepts takes the failure (default: the next API call, whatever it is), so
  // background jobs calling Zoom at the same time cannot use it up.
  match?: (call: RecordedCall) => boolean;
};

// A path segment carrying a meeting id or UUID. Zoom wants a UUID that starts with '/' or holds
// '//' double-encoded: its gateway decodes %2F before routing (see `routed` below), so a singly
// encoded one never reaches the endpoint.
function meetingRef(segment: string): string {
  const once = decodeURIComponent(segment);
  return /%[0-9A-F]{2}/i.test(once) ? decodeURIComponent(once) : once;
}

// A stand-in for Zoom on 127.0.0.1: Server-to-Server OAuth, the meeting and recording endpoints
// the video module calls, and recording file downloads. It checks what real Zoom checks (Basic
// auth and grant type, bearer tokens it issued), records every call, and can be told to fail the
// next API call once (401 revokes the token in use, 429 sends Retry-After).
// `recordedMeetings` holds one entry per meeting instance (same `id`, its own `uuid`) with cloud
// recordings; deleting recordings removes the entry (`action=delete`) or moves it to `trash`
// (Zoom's default), and the instance stays listed under /past_meetings/{id}/instances.
export class FakeZoomServer {
  readonly calls: RecordedCall[] = [];
  readonly meetings = new Map<string, any>();
  readonly recordedMeetings: FakeRecordedMeeting[] = [];
  readonly trash: FakeRecordedMeeting[] = [];
  // Ended instances per meeting id, as /past_meetings/{id}/instances lists them.
  readonly pastInstances = new Map<string, { uuid: string; start_time: string }[]>();
  readonly files = new Map<string, Buffer>();
  // Tokens a download must carry (the webhook's download_token, or an issued access token).
  readonly downloadTokens = new Set<string>();
  tokensIssued = 0;
  // Meetings per page of GET /users/me/recordings, to force next_page_token paging.
  recordingsPageSize = 1;
  private readonly validTokens = new Set<string>();
  private readonly failures: Failure[] = [];
  private server: Server | null = null;

  constructor(readonly credentials: FakeZoomCredentials) {}

  get baseUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  get apiBaseUrl(): string {
    return `${this.baseUrl}/v2`;
  }

  failNext(failure: Failure): void {
    this.failures.push(failure);
  }

  // A meeting instance that ended with cloud recordings (and is listed as a past instance).
  addRecordedInstance(meeting: FakeRecordedMeeting): void {
    this.recordedMeetings.push(meeting);
    const instances = this.pastInstances.get(String(meeting.id)) ?? [];
    instances.push({ uuid: meeting.uuid, start_time: meeting.start_time });
    this.pastInstances.set(String(meeting.id), instances);
  }

  recordingsOf(meetingId: number | string): FakeRecordedMeeting[] {
    return this.recordedMeetings.filter((m) => String(m.id) === String(meetingId));
  }

  callsTo(method: string, pathPattern: RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && pathPattern.test(c.path));
  }

  addRecordingFile(meetingId: number, content: Buffer, overrides: Partial<FakeRecordingFile> = {}) {
    const id = overrides.id ?? `file-${randomBytes(6).toString('hex')}`;
    this.files.set(id, content);
    return {
      id,
      recording_type: 'shared_screen_with_speaker_view',
      file_type: 'MP4',
      file_extension: 'MP4',
      file_size: content.length,
      recording_start: new Date(Date.now() - 3_600_000).toISOString(),
      recording_end: new Date(Date.now() - 1_800_000).toISOString(),
      download_url: `${this.baseUrl}/rec/download/${id}`,
      ...overrides,
    } satisfies FakeRecordingFile;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: Error) => {
        this.json(res, 500, { message: error.message });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const raw = await new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => resolve(text));
    });
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body: raw ? JSON.parse(raw) : undefined,
    };
    this.calls.push(call);
    if (url.pathname === '/oauth/token') {
      return this.token(call, res);
    }
    if (url.pathname.startsWith('/rec/download/')) {
      return this.download(call, url.pathname.slice('/rec/download/'.length), res);
    }
    const bearer = call.authorization?.replace(/^Bearer /, '') ?? '';
    if (!this.validTokens.has(bearer)) {
      return this.json(res, 401, { code: 124, message: 'Invalid access token.' });
    }
    const index = this.failures.findIndex((f) => !f.match || f.match(call));
    const failure = index >= 0 ? this.failures.splice(index, 1)[0] : undefined;
    if (failure?.status === 401) {
      this.validTokens.delete(bearer);
      return this.json(res, 401, { code: 124, message: 'Access token is expired.' });
    }
    if (failure && 'retryAfter' in failure) {
      res.setHeader('Retry-After', String(failure.retryAfter));
      return this.json(res, 429, { code: 429, message: 'Too many requests.' });
    }
    if (failure && 'body' in failure) {
      return this.json(res, failure.status, failure.body);
    }
    return this.api(call, res);
  }

  private token(call: RecordedCall, res: ServerResponse): void {
    const { accountId, clientId, clientSecret } = this.credentials;
    const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    if (call.method !== 'POST' || call.authorization !== basic) {
      return this.json(res, 401, {
        reason: 'Invalid client_id or client_secret',
        error: 'invalid_client',
      });
    }
    if (call.query.grant_type !== 'account_credentials' || call.query.account_id !== accountId) {
      return this.json(res, 400, {
        reason: 'Unsupported grant type',
        error: 'unsupported_grant_type',
      });
    }
    this.tokensIssued += 1;
    const token = `fake-access-${this.tokensIssued}-${randomBytes(8).toString('hex')}`;
    this.validTokens.add(token);
    this.json(res, 200, {
      access_token: token,
      token_type: 'bearer',
      expires_in: 3599,
      scope: 'meeting:read:admin meeting:write:admin recording:read:admin recording:write:admin',
    });
  }

  private api(call: RecordedCall, res: ServerResponse): void {
    const meetingPath = /^\/v2\/meetings\/(\d+)$/.exec(call.path);
    if (call.method === 'POST' && call.path === '/v2/users/me/meetings') {
      const id = randomInt(10_000_000_000, 99_999_999_999);
      const meeting = {
        id,
        uuid: randomBytes(16).toString('base64'),
        host_id: 'fake-host',
        ...call.body,
        join_url: `https://zoom.us/j/${id}?pwd=${randomBytes(12).toString('base64url')}`,
        start_url: `https://zoom.us/s/${id}?zak=${randomBytes(24).toString('base64url')}`,
      };
      this.meetings.set(String(id), meeting);
      return this.json(res, 201, meeting);
    }
    if (meetingPath && (call.method === 'PATCH' || call.method === 'DELETE')) {
      if (!this.meetings.has(meetingPath[1])) {
        return this.json(res, 404, { code: 3001, message: 'Meeting does not exist.' });
      }
      if (call.method === 'DELETE') {
        this.meetings.delete(meetingPath[1]);
      } else {
        Object.assign(this.meetings.get(meetingPath[1]), call.body);
      }
      res.writeHead(204).end();
      return;
    }
    const routed = call.path.replace(/%2F/gi, '/');
    const recordingsPath = /^\/v2\/meetings\/([^/]+)\/recordings$/.exec(routed);
    if (recordingsPath && call.method === 'DELETE') {
      return this.deleteRecordings(call, meetingRef(recordingsPath[1]), res);
    }
    const instancesPath = /^\/v2\/past_meetings\/([^/]+)\/instances$/.exec(routed);
    if (instancesPath && call.method === 'GET') {
      const id = meetingRef(instancesPath[1]);
      const instances = this.pastInstances.get(id);
      if (!instances && !this.meetings.has(id)) {
        return this.json(res, 404, { code: 3001, message: 'Meeting does not exist.' });
      }
      return this.json(res, 200, { meetings: instances ?? [] });
    }
    if (call.method === 'GET' && call.path === '/v2/users/me/recordings') {
      const from = Date.parse(`${call.query.from}T00:00:00Z`);
      const to = Date.parse(`${call.query.to}T23:59:59Z`);
      const inWindow = this.recordedMeetings.filter((m) => {
        const at = Date.parse(m.start_time);
        return at >= from && at <= to;
      });
      const offset = call.query.next_page_token ? Number(call.query.next_page_token.slice(5)) : 0;
      const page = inWindow.slice(offset, offset + this.recordingsPageSize);
      const next = offset + page.length < inWindow.length ? `page-${offset + page.length}` : '';
      return this.json(res, 200, {
        from: call.query.from,
        to: call.query.to,
        page_size: Number(call.query.page_size ?? 30),
        total_records: inWindow.length,
        next_page_token: next,
        meetings: page,
      });
    }
    this.json(res, 404, { code: 404, message: `No fake for ${call.method} ${call.path}` });
  }

  // Zoom: a numeric meeting id means its latest instance (recorded or not), a UUID that instance.
  private deleteRecordings(call: RecordedCall, ref: string, res: ServerResponse): void {
    let uuid = ref;
    if (/^\d+$/.test(ref)) {
      const instances = [...(this.pastInstances.get(ref) ?? []), ...this.recordingsOf(ref)];
      instances.sort((a, b) => Date.parse(b.start_time) - Date.parse(a.start_time));
      uuid = instances[0]?.uuid ?? '';
    }
    const instance = this.recordedMeetings.find((m) => m.uuid === uuid);
    if (!instance) {
      return this.json(res, 404, {
        code: 3301,
        message: 'There is no recording for this meeting.',
      });
    }
    this.recordedMeetings.splice(this.recordedMeetings.indexOf(instance), 1);
    if (call.query.action === 'delete') {
      instance.recording_files.forEach((file) => this.files.delete(file.id));
    } else {
      this.trash.push(instance);
    }
    res.writeHead(204).end();
  }

  private download(call: RecordedCall, fileId: string, res: ServerResponse): void {
    const bearer = call.authorization?.replace(/^Bearer /, '') ?? '';
    if (!this.downloadTokens.has(bearer) && !this.validTokens.has(bearer)) {
      return this.json(res, 401, { code: 124, message: 'Invalid download token.' });
    }
    const file = this.files.get(fileId);
    if (!file) {
      return this.json(res, 404, { code: 3301, message: 'This recording does not exist.' });
    }
    res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(file.length) });
    res.end(file);
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
