import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocx } from '../fixtures/resumes/generate-fixtures';
import { HttpResponse } from './http-client';
import { TestApp } from './test-app';

// Helpers for specs that upload résumés (test/resumes.e2e-spec.ts).

// Invented person; dated Jan 2019 – present with a Skills section.
export const DOCX_RESUME = buildDocx([
  'Jordan Lee',
  'jordan.lee@example.net | +1 206 555 0199',
  '',
  'Experience',
  'Backend Engineer, Fabrikam\tJan 2019 – Present',
  '• Built payment services in Node.js and TypeScript on PostgreSQL.',
  '',
  'Skills',
  'TypeScript, Node.js, PostgreSQL, Docker, Redis',
]);

// Years from the first of `year-month` to the current month inclusive, as the parser counts.
export function yearsSince(year: number, month: number): number {
  const now = new Date();
  const months = (now.getUTCFullYear() - year) * 12 + now.getUTCMonth() - (month - 1) + 1;
  return Math.round((months / 12) * 10) / 10;
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

export function uploadResume(
  t: TestApp,
  data: Buffer,
  filename: string,
  options: { token?: string; type?: string } = {},
): Promise<HttpResponse> {
  const form = new FormData();
  const type = options.type ?? 'application/octet-stream';
  form.append('file', new Blob([new Uint8Array(data)], { type }), filename);
  return t.http.post('/api/resume/upload', undefined, { raw: form, token: options.token });
}

// Polls GET /api/resumes/:id until the parse job has recorded an outcome.
export async function waitForParsing(t: TestApp, id: string, token: string): Promise<HttpResponse> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const res = await t.http.get(`/api/resumes/${id}`, { token });
    if (res.body.parsing_status !== 'pending' || Date.now() > deadline) {
      return res;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
