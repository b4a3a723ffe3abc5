import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signupCandidate, SignedIn } from '../support/factories';
import { dropDatabase } from '../support/gdpr';
import { createDatabase } from '../support/test-app';
import { AppProcess, queryDatabase, startAppProcess } from './support/app-process';

jest.setTimeout(120_000);

const LIMIT = 40;
const WINDOW_MS = 60_000;
// What the shared limiter may over-admit (src/throttling/postgres-throttler.storage.ts):
// one flush threshold, a tenth of the limit, per instance.
const ALLOWANCE = 2 * Math.max(1, Math.floor(LIMIT / 10));

interface Answer {
  instance: number;
  status: number;
  retryAfter: string | undefined;
  contentType: string;
  body: any;
}

// One GET from a chosen loopback source address (127.0.0.0/8 is all local on Linux), so each test
// client has an address of its own, apart from the 127.0.0.1 used by the health polls and sign-ups.
function get(
  app: AppProcess,
  instance: number,
  path: string,
  from: string,
  token?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: app.port,
        path,
        localAddress: from,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        timeout: 10_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            instance,
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            contentType: String(res.headers['content-type'] ?? ''),
            body: text.startsWith('{') ? JSON.parse(text) : text,
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

// Windows are fixed and aligned to the minute: start a burst with at least 15 s of its window left.
async function awayFromWindowEdge(): Promise<void> {
  const left = WINDOW_MS - (Date.now() % WINDOW_MS);
  if (left < 15_000) {
    await new Promise((r) => setTimeout(r, left + 100));
  }
}

// Flush interval 250 ms: after this every instance has written its hits and read the totals.
const settle = () => new Promise((r) => setTimeout(r, 700));

function expectRateLimited(answer: Answer): void {
  expect(answer.status).toBe(429);
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  expect(Number(answer.retryAfter)).toBeLessThanOrEqual(60);
  expect(answer.contentType).toContain('application/problem+json');
  expect(answer.body).toMatchObject({
    status: 429,
    title: 'Too Many Requests',
    code: 'RATE_LIMITED',
  });
}

// Two app processes on one database with RATE_LIMIT_PER_MINUTE=40: a client that alternates
// between them gets 40 requests a minute in all (plus the documented allowance), not 40 from each.
describe('Rate limit shared by two instances (faults)', () => {
  let databaseUrl: string;
  let apps: AppProcess[] = [];
  const dataDirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'panelist-faults-rl-')));

  beforeAll(async () => {
    databaseUrl = await createDatabase();
    apps = await Promise.all(
      dataDirs.map((dataDir) =>
        startAppProcess({ databaseUrl, dataDir, env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } }),
      ),
    );
  });

  afterAll(async () => {
    for (const app of apps) {
      await app.stop();
    }
    await dropDatabase(databaseUrl);
    for (const dir of dataDirs) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  async function alternate(
    count: number,
    path: string,
    from: (i: number) => string,
    token?: string,
  ): Promise<Answer[]> {
    const answers: Answer[] = [];
    for (let i = 0; i < count; i++) {
      answers.push(await get(apps[i % 2], i % 2, path, from(i), token));
    }
    return answers;
  }

  function report(label: string, answers: Answer[]): void {
    const ok = answers.filter((a) => a.status === 200);
    process.stdout.write(
      `${label}: ${ok.length} admitted of ${answers.length} (instance 1: ${ok.filter((a) => a.instance === 0).length}, instance 2: ${ok.filter((a) => a.instance === 1).length}; limit ${LIMIT} + allowance ${ALLOWANCE})\n`,
    );
  }

  it('gives one client address one budget across both instances', async () => {
    await awayFromWindowEdge();
    const answers = await alternate(2 * LIMIT, '/api/jobs', () => '127.0.0.3');
    report('per address', answers);
    const admitted = answers.filter((a) => a.status === 200);
    expect(admitted.length + answers.filter((a) => a.status === 429).length).toBe(2 * LIMIT);
    expect(admitted.length).toBeGreaterThanOrEqual(LIMIT);
    expect(admitted.length).toBeLessThanOrEqual(LIMIT + ALLOWANCE);
    // Each instance on its own would have admitted all 40 it received.
    for (const instance of [0, 1]) {
      const limited = answers.filter((a) => a.instance === instance && a.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expectRateLimited(limited[0]);
    }

    await settle();
    for (const instance of [0, 1, 0, 1]) {
      expectRateLimited(await get(apps[instance], instance, '/api/jobs', '127.0.0.3'));
    }
    // Another address is unaffected, on both instances.
    for (const instance of [0, 1]) {
      expect((await get(apps[instance], instance, '/api/jobs', '127.0.0.4')).status).toBe(200);
    }

    // Only keyed digests reach the database, and the stored count is the shared one.
    const rows = await queryDatabase<{ key: string; hits: number }>(
      databaseUrl,
      "SELECT key, hits FROM rate_limit_buckets WHERE window_start > now() - interval '1 minute'",
    );
    expect(rows.every((r) => /^[A-Za-z0-9_-]{22}$/.test(r.key))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('127.0.0');
    const busiest = Math.max(...rows.map((r) => r.hits));
    expect(busiest).toBeGreaterThanOrEqual(LIMIT);
    expect(busiest).toBeLessThanOrEqual(LIMIT + ALLOWANCE);
  });

  it('gives one account one budget across both instances and addresses', async () => {
    // Sign-ups come from 127.0.0.1 (the health polls' address), never from the addresses below.
    const alice: SignedIn = await signupCandidate(apps[0].http);
    const bob: SignedIn = await signupCandidate(apps[1].http);
    await awayFromWindowEdge();
    const answers = await alternate(
      2 * LIMIT,
      '/api/auth/me',
      (i) => (i % 4 < 2 ? '127.0.0.5' : '127.0.0.6'),
      alice.accessToken,
    );
    report('per account', answers);
    const admitted = answers.filter((a) => a.status === 200);
    expect(admitted.every((a) => a.body.id === alice.id)).toBe(true);
    expect(admitted.length).toBeGreaterThanOrEqual(LIMIT);
    expect(admitted.length).toBeLessThanOrEqual(LIMIT + ALLOWANCE);
    for (const instance of [0, 1]) {
      expect(answers.some((a) => a.instance === instance && a.status === 429)).toBe(true);
    }

    await settle();
    for (const instance of [0, 1]) {
      expectRateLimited(
        await get(apps[instance], instance, '/api/auth/me', '127.0.0.5', alice.accessToken),
      );
      // Another account, from the same address, is unaffected; so is that address without a token.
      const other = await get(
        apps[instance],
        instance,
        '/api/auth/me',
        '127.0.0.5',
        bob.accessToken,
      );
      expect(other.status).toBe(200);
      expect(other.body.id).toBe(bob.id);
      expect((await get(apps[instance], instance, '/api/jobs', '127.0.0.5')).status).toBe(200);
    }
  });
});
