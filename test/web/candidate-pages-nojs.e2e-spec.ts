import { hiringSetup, HiringSetup } from '../support/hiring-fixtures';
import { unique } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const MAX_FILE_SIZE = 64 * 1024;
const RESUME = Buffer.from(
  'Robin Applicant\nrobin@example.net\n\nExperience\nBackend Engineer, Fabrikam, 2019 - present\n\nSkills\nTypeScript, PostgreSQL\n',
);

interface Submission {
  name?: string;
  email?: string;
  consent?: boolean;
  resume?: { data: Buffer; filename: string; type: string } | 'none';
}

// The hosted careers pages as a browser without JavaScript uses them: plain GET requests and a
// plain multipart form post, answered with HTML that carries every refusal of the API inline.
describe('Candidate pages without JavaScript (e2e)', () => {
  let t: TestApp;
  let setup: HiringSetup;

  // What a browser sends for the application form (an empty file part when no file is chosen).
  const submit = (jobId: string, fields: Submission) => {
    const form = new FormData();
    form.append('applicant_name', fields.name ?? 'Robin Applicant');
    form.append('applicant_email', fields.email ?? `${unique('nojs_')}@example.com`);
    form.append('applicant_phone', '');
    const resume = fields.resume ?? { data: RESUME, filename: 'resume.txt', type: 'text/plain' };
    if (resume === 'none') {
      form.append('resume', new Blob([], { type: 'application/octet-stream' }), '');
    } else {
      form.append(
        'resume',
        new Blob([new Uint8Array(resume.data)], { type: resume.type }),
        resume.filename,
      );
    }
    form.append('cover_letter', 'I like PostgreSQL.');
    if (fields.consent !== false) {
      form.append('consent_data_processing', 'true');
    }
    return t.http.post(`/careers/${jobId}`, undefined, { raw: form });
  };

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        MAX_FILE_SIZE: String(MAX_FILE_SIZE),
        CAREERS_TITLE: 'Acme careers',
        CAREERS_ACCENT_COLOR: '#0f5132',
        CAREERS_LOGO_URL: 'https://static.acme.example/logo.svg',
      },
    });
    setup = await hiringSetup(t.http, 'Platform Engineer <PostgreSQL>');
  });

  afterAll(async () => {
    await t.close();
    delete process.env.MAX_FILE_SIZE;
    delete process.env.CAREERS_TITLE;
    delete process.env.CAREERS_ACCENT_COLOR;
    delete process.env.CAREERS_LOGO_URL;
  });

  it('lists open jobs with search, escapes their text and sends a strict CSP with no inline script', async () => {
    const page = await t.http.get('/careers', { query: { q: 'Platform PostgreSQL' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('Platform Engineer &lt;PostgreSQL&gt;');
    expect(page.text).toContain(`href="/careers/${setup.jobId}"`);
    expect(page.text).toContain('Acme careers');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.text).not.toMatch(/<script(?![^>]*(type="module" src=|type="application\/json"))/);
    const none = await t.http.get('/careers', { query: { q: 'zzzunmatchedword' } });
    expect(none.text).not.toContain(`/careers/${setup.jobId}"`);
  });

  it('pages through the results with next and first-page links that keep the filters', async () => {
    const word = unique('zephyr');
    for (let i = 0; i < 12; i += 1) {
      const job = await t.http.post(
        '/api/jobs',
        {
          title: `Engineer ${word} ${i}`,
          description: 'Remote work.',
          company: 'Acme',
          work_mode: 'remote',
        },
        { token: setup.recruiter.accessToken },
      );
      expect(job.status).toBe(201);
    }
    const titles = (html: string) =>
      [...html.matchAll(new RegExp(`Engineer ${word} \\d+`, 'g'))].map((m) => m[0]);
    const first = await t.http.get('/careers', {
      query: { location: '', work_mode: 'remote', q: word },
    });
    expect(titles(first.text)).toHaveLength(10);
    expect(first.text).toContain('<option value="remote" selected>');
    const next = /<a href="([^"]+)" rel="next">/
      .exec(first.text)![1]
      .replace(/&amp;/g, '&')
      .replace(/&#x3D;/g, '=');
    expect(next).toContain('work_mode=remote');
    const second = await t.http.get(next);
    expect(titles(second.text)).toHaveLength(2);
    expect(new Set([...titles(first.text), ...titles(second.text)]).size).toBe(12);
    expect(second.text).not.toContain('rel="next"');
    expect(second.text).toContain('First page');
  });

  it('takes its theme from CAREERS_* settings: accent colour, logo (allowed by the CSP) and title', async () => {
    const page = await t.http.get('/careers');
    expect(page.text).toContain(
      '<img class="logo" src="https://static.acme.example/logo.svg" alt="">',
    );
    expect(page.headers.get('content-security-policy')).toContain(
      "img-src 'self' data: https://static.acme.example",
    );
    expect(page.text).toMatch(/<title>Open jobs – Acme careers<\/title>/);
    const theme = /href="(\/candidate-assets\/theme-[^"]+)"/.exec(page.text)![1];
    expect((await t.http.get(theme)).text).toContain('--accent:#0f5132');
  });

  it('serves fingerprinted assets for a year, immutable', async () => {
    const page = await t.http.get(`/careers/${setup.jobId}`);
    const assets = [...page.text.matchAll(/(?:src|href)="(\/candidate-assets\/[^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      const res = await t.http.get(asset);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it('shows the job and a labelled form with the consent policy and its version', async () => {
    const page = await t.http.get(`/careers/${setup.jobId}`);
    expect(page.status).toBe(200);
    for (const field of [
      'applicant_name',
      'applicant_email',
      'applicant_phone',
      'resume',
      'cover_letter',
      'consent_data_processing',
    ]) {
      expect(page.text).toContain(`<label for="${field}">`);
      expect(page.text).toMatch(
        new RegExp(`id="${field}"[^>]*aria-describedby="[^"]*${field}-error`),
      );
    }
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toContain('Privacy policy version 2026-01');
    expect((await t.http.get('/careers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await t.http.get('/careers/not-a-uuid')).status).toBe(404);
  });

  it('re-renders the form with inline errors for each refusal of the API', async () => {
    const noConsent = await submit(setup.jobId, { consent: false, name: 'Kim <Applicant>' });
    expect(noConsent.status).toBe(400);
    expect(noConsent.text).toContain('<title>Error:');
    expect(noConsent.text).toContain('href="#consent_data_processing"');
    expect(noConsent.text).toMatch(/id="consent_data_processing"[^>]*aria-invalid="true"/);
    expect(noConsent.text).toContain('value="Kim &lt;Applicant&gt;"');
    expect(noConsent.text).toContain('please choose your résumé again');

    const badEmail = await submit(setup.jobId, { email: 'not-an-address', resume: 'none' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.text).toMatch(/id="applicant_email"[^>]*aria-invalid="true"/);

    const image = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const wrongType = await submit(setup.jobId, {
      resume: { data: image, filename: 'cv.pdf', type: 'application/pdf' },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.text).toContain('must be a PDF, a Word (.docx) or a plain-text file');
    expect(wrongType.text).toMatch(/id="resume"[^>]*aria-invalid="true"/);

    const big = Buffer.alloc(MAX_FILE_SIZE + 10, 'a');
    const tooLarge = await submit(setup.jobId, {
      resume: { data: big, filename: 'cv.txt', type: 'text/plain' },
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toContain('The résumé is larger than 0.1 MB');
    expect(tooLarge.text).toMatch(/id="resume"[^>]*aria-invalid="true"/);
  });

  it('applies with a résumé, the application reaches the recruiter API, a second try is refused', async () => {
    const email = `${unique('nojs_ok_')}@example.com`;
    const sent = await submit(setup.jobId, { email });
    expect(sent.status).toBe(201);
    expect(sent.text).toContain('Application sent');
    const reference = /Your reference: ([0-9a-f-]{36})/.exec(sent.text)![1];

    const listed = await t.http.get(`/api/jobs/${setup.jobId}/applications`, {
      token: setup.recruiter.accessToken,
      query: { q: email },
    });
    const application = (listed.body.items as any[]).find((a) => a.id === reference);
    expect(application).toMatchObject({ applicant_email: email, source: 'careers_page' });
    expect(application.resume_id).toEqual(expect.any(String));

    const again = await submit(setup.jobId, { email });
    expect(again.status).toBe(409);
    expect(again.text).toContain('already applied to this job');
    expect(again.text).toMatch(/id="applicant_email"[^>]*aria-invalid="true"/);
  });
});

describe('Candidate pages turned off (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { CANDIDATE_PAGES: 'false' } });
  });

  afterAll(async () => {
    await t.close();
    delete process.env.CANDIDATE_PAGES;
  });

  it('answers 404 on every page while the API keeps working', async () => {
    for (const path of [
      '/careers',
      '/careers/00000000-0000-4000-8000-000000000000',
      '/interview/abc',
      '/me',
    ]) {
      expect((await t.http.get(path)).status).toBe(404);
    }
    expect((await t.http.get('/api/jobs')).status).toBe(200);
  });
});
