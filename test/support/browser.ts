import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, HTTPRequest, Page, launch } from 'puppeteer-core';

// Real-browser tests: Debian's Chromium driven by puppeteer-core (which never downloads a browser
// of its own). CI installs the `chromium` package; elsewhere CHROMIUM_PATH may point at one.
const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export const chromiumPath: string | null =
  CANDIDATES.find((path): path is string => !!path && existsSync(path)) ?? null;

// For `describe` blocks that need the browser: they run when Chromium is installed, and are
// reported as skipped with the reason printed when it is not (never as passed).
export function describeWithBrowser(title: string, body: () => void): void {
  if (chromiumPath) {
    describe(title, body);
    return;
  }
  process.stdout.write(
    `SKIPPED "${title}": no Chromium binary found (apt-get install chromium, or set CHROMIUM_PATH)\n`,
  );
  describe.skip(title, body);
}

// The machine's first non-internal IPv4 address: a page loaded through it is what a person on
// another machine gets (no loopback exemptions in the browser: http there is an untrusted origin).
export function nonLoopbackAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    const found = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (found) {
      return found.address;
    }
  }
  throw new Error('This machine has no non-internal IPv4 address to load pages through');
}

// Flags for a headless Chromium on a machine without network access: nothing of its own
// (updates, sync, QUIC, first-run pages) reaches out, and each run starts with a fresh profile.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  browser: Browser;
  // A page that lets requests reach `allowedOrigin` only; everything else is aborted and listed,
  // so a test proves the page needs nothing from the internet.
  open(allowedOrigin: string): Promise<{ page: Page; blocked: string[]; errors: string[] }>;
  close(): Promise<void>;
}

export async function startBrowser(
  options: { acceptInsecureCerts?: boolean; args?: string[] } = {},
): Promise<BrowserSession> {
  if (!chromiumPath) {
    throw new Error('No Chromium binary: install the chromium package or set CHROMIUM_PATH');
  }
  const profile = mkdtempSync(join(tmpdir(), 'panelist-chromium-'));
  const browser = await launch({
    executablePath: chromiumPath,
    ignoreDefaultArgs: true,
    args: [...FLAGS, ...(options.args ?? []), `--user-data-dir=${profile}`],
    acceptInsecureCerts: options.acceptInsecureCerts ?? false,
    defaultViewport: { width: 1280, height: 900 },
  });
  return {
    browser,
    open: async (allowedOrigin: string) => {
      const page = await browser.newPage();
      const blocked: string[] = [];
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('console', (message) => {
        if (message.type() === 'error') {
          errors.push(message.text());
        }
      });
      await page.setRequestInterception(true);
      page.on('request', (request: HTTPRequest) => {
        const url = request.url();
        if (url.startsWith(allowedOrigin) || url.startsWith('data:') || url.startsWith('blob:')) {
          void request.continue();
        } else {
          blocked.push(url);
          void request.abort();
        }
      });
      return { page, blocked, errors };
    },
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
