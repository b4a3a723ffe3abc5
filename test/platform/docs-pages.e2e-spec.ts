import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse, request } from 'node:http';
import { Server, createServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BrowserSession,
  describeWithBrowser,
  nonLoopbackAddress,
  startBrowser,
} from '../support/browser';
import { TestApp, createTestApp } from '../support/test-app';

// A blank page screenshots to a few kilobytes; a rendered reference page to well over 50 KB.
const RENDERED_SCREENSHOT_BYTES = 30_000;
// Console messages that are not a failure: ReDoc's sidebar tries its attribution logo from its
// CDN, the CSP refuses it and ReDoc drops the image (nothing else it needs lives outside); and
// Chromium notes that it ignores Cross-Origin-Opener-Policy on a plain-http origin.
const EXPECTED_NOTICES = [
  /^Loading the image 'https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg' violates/,
  /^The Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy/,
  /^Failed to load resource/,
];

// TLS in front of the app, as a reverse proxy would put it (self-signed, for this run only).
function startTlsProxy(targetPort: number, address: string): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'panelist-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=panelist-test',
        '-addext',
        `subjectAltName=IP:${address}`,
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const server = createServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (incoming: IncomingMessage, outgoing: ServerResponse) => {
        const upstream = request(
          {
            host: '127.0.0.1',
            port: targetPort,
            path: incoming.url,
            method: incoming.method,
            headers: incoming.headers,
          },
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
          },
        );
        upstream.on('error', () => outgoing.destroy());
        incoming.pipe(upstream);
      },
    );
    return new Promise((resolve) => server.listen(0, '0.0.0.0', () => resolve(server)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// #14.4: /redoc was blank offline (its script came from a CDN) and /docs was blank from another
// machine over plain http (the CSP's upgrade-insecure-requests sent every asset to https). Both
// pages are loaded here in a real Chromium through this machine's non-loopback address, with
// every request outside the app's origin blocked, over http and over https.
describeWithBrowser('API documentation pages in a real browser (e2e)', () => {
  let app: TestApp;
  let proxy: Server;
  let browser: BrowserSession;
  let address: string;
  // DOCS_SCREENSHOT_DIR keeps the screenshots for a person to look at.
  const shots = process.env.DOCS_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'panelist-shots-'));

  beforeAll(async () => {
    address = nonLoopbackAddress();
    app = await createTestApp({ host: '0.0.0.0' });
    proxy = await startTlsProxy(Number(new URL(app.baseUrl).port), address);
    browser = await startBrowser({ acceptInsecureCerts: true });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => proxy?.close(r));
    await app?.close();
    if (!process.env.DOCS_SCREENSHOT_DIR) {
      rmSync(shots, { recursive: true, force: true });
    }
  });

  const origins = () => ({
    http: `http://${address}:${new URL(app.baseUrl).port}`,
    https: `https://${address}:${(proxy.address() as AddressInfo).port}`,
  });

  it.each([
    ['http', '/docs', '.swagger-ui .info .title'],
    ['http', '/redoc', 'h1'],
    ['https', '/docs', '.swagger-ui .info .title'],
    ['https', '/redoc', 'h1'],
  ] as const)(
    'renders over %s: %s',
    async (scheme, path, heading) => {
      const origin = origins()[scheme];
      const { page, blocked, errors } = await browser.open(origin);
      try {
        const response = await page.goto(`${origin}${path}`, { waitUntil: 'load' });
        expect(response?.status()).toBe(200);
        const title = await page.waitForSelector(heading, { visible: true, timeout: 30_000 });
        expect(await title!.evaluate((el) => el.textContent)).toContain('Panelist API');
        const shot = await page.screenshot({ type: 'png' });
        writeFileSync(join(shots, `${scheme}${path.replace('/', '-')}.png`), shot);
        expect(shot.length).toBeGreaterThan(RENDERED_SCREENSHOT_BYTES);
        expect(blocked).toEqual([]);
        expect(errors.filter((e) => !EXPECTED_NOTICES.some((notice) => notice.test(e)))).toEqual(
          [],
        );
      } finally {
        await page.close();
      }
    },
    90_000,
  );

  it('keeps a strict policy: scripts from this origin only, no upgrade to https', async () => {
    const res = await app.http.get('/redoc');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/upgrade-insecure-requests|unsafe-eval|https:/);
    expect(csp).toContain("object-src 'none'");
  });
});
