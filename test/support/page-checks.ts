import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { linksIn } from './smtp-test-server';
import type { SignedIn } from './factories';
import type { HttpClient } from './http-client';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const ARTIFACTS = join(__dirname, '..', 'artifacts');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

// axe-core over the page as it is now (WCAG 2.0–2.2 A and AA rules), injected through DevTools
// (Runtime.evaluate) so the page's own CSP stays strict. Returns the serious and critical findings.
export async function seriousAxeFindings(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const result = await axe.run((globalThis as any).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n: any) => String(n.target)),
    }));
  });
  return (violations as AxeFinding[]).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
}

// Full-page screenshots at phone (390 px) and desktop (1280 px) width, kept as CI artifacts.
// Returns what sticks out sideways at phone width (WCAG 1.4.10 reflow: no horizontal scrolling).
export async function screenshots(page: Page, name: string): Promise<string[]> {
  mkdirSync(ARTIFACTS, { recursive: true });
  let overflowing: string[] = [];
  for (const width of [390, 1280]) {
    await page.setViewport({ width, height: 900 });
    if (width === 390) {
      overflowing = await page.evaluate(() => {
        const doc = (globalThis as any).document;
        const limit = doc.documentElement.clientWidth;
        return [...doc.querySelectorAll('body *')]
          .filter((el: any) => el.getBoundingClientRect().right > limit + 1)
          .map((el: any) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`);
      });
    }
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
  }
  return overflowing;
}

// The interview link from the invitation in the mail outbox (read by the admin, as in #17).
export async function invitationPath(
  http: HttpClient,
  admin: SignedIn,
  email: string,
): Promise<string> {
  const mail = await http.get('/api/admin/mail', {
    token: admin.accessToken,
    query: { template: 'interview_invitation', limit: 100 },
  });
  const id = (mail.body.items as { id: string; to: string }[]).find((m) => m.to === email)!.id;
  const detail = await http.get(`/api/admin/mail/${id}`, { token: admin.accessToken });
  const link = linksIn(detail.body.text).find((l) => l.includes('/interview/'))!;
  return new URL(link).pathname;
}
