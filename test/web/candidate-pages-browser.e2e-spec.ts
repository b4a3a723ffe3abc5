import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { BrowserSession, describeWithBrowser, startBrowser } from '../support/browser';
import { signupCandidate, unique } from '../support/factories';
import { until } from '../support/gdpr';
import {
  applyWithoutAccount,
  hiringSetup,
  HiringSetup,
  scheduleInterview,
} from '../support/hiring-fixtures';
import { invitationPath, screenshots, seriousAxeFindings } from '../support/page-checks';
import { createTestApp, TestApp } from '../support/test-app';

jest.setTimeout(240_000);

// The page functions below run in the browser; the test project has no DOM library.
declare const document: {
  activeElement: { id: string; className: string } | null;
  getElementById(id: string): { textContent: string | null } | null;
};
declare const navigator: { clipboard?: { writeText(text: string): Promise<void> } };

// The hosted candidate pages in Debian's Chromium: applying through the form, an interview taken
// from the invitation link (typed and recorded answers, paste and tab switch reported), and /me
// down to erasure. axe-core checks every page; screenshots land in test/artifacts/.
describeWithBrowser('Candidate pages in a real browser (e2e)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let setup: HiringSetup;
  let files: string;
  let errors: string[];

  const open = async (path: string): Promise<Page> => {
    const opened = await browser.open(t.baseUrl);
    errors = opened.errors;
    // A fresh page per visit; the window keeps focus unless a test moves it.
    await opened.page.goto(`${t.baseUrl}${path}`, { waitUntil: 'networkidle0' });
    return opened.page;
  };
  const visible = (page: Page, selector: string) =>
    page.waitForSelector(selector, { visible: true });
  const checkPage = async (page: Page, name: string) => {
    expect(await seriousAxeFindings(page)).toEqual([]);
    expect(await screenshots(page, name)).toEqual([]);
    await page.setViewport({ width: 1280, height: 900 });
  };
  const textOf = (page: Page, selector: string) =>
    page.$eval(selector, (el) => (el.textContent ?? '').trim());

  beforeAll(async () => {
    t = await createTestApp();
    setup = await hiringSetup(t.http);
    browser = await startBrowser({
      // Chromium's stand-in microphone (a beep) and an automatic "allow" for the permission prompt.
      args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
    });
    files = mkdtempSync(join(tmpdir(), 'panelist-web-'));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    rmSync(files, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });

  it('applies with a résumé through the form; the recruiter API shows the application', async () => {
    const page = await open('/careers');
    await checkPage(page, 'careers');
    // Keyboard: the first Tab reaches the skip link, which moves focus to the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.click(`a[href="/careers/${setup.jobId}"]`);
    await visible(page, '#apply-form');
    await checkPage(page, 'job');

    // Refused before sending: the summary takes focus and names the missing consent.
    await page.type('#applicant_name', 'Ada Browser');
    await page.click('#apply-form button[type=submit]');
    await visible(page, '#error-summary');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(
      await page.$eval('#consent_data_processing', (el) => el.getAttribute('aria-invalid')),
    ).toBe('true');
    await checkPage(page, 'job-errors');

    const email = `${unique('web_')}@example.com`;
    await page.type('#applicant_email', email);
    const resume = join(files, 'resume.txt');
    writeFileSync(
      resume,
      'Ada Browser\nExperience\nEngineer, 2018 - present\nSkills\nTypeScript, PostgreSQL\n',
    );
    const input = (await page.$('#resume')) as ElementHandle<any>;
    await input.uploadFile(resume);
    // By keyboard: the summary's last link leads to the consent checkbox, Space ticks it, and
    // Tab order from there reaches the talent-pool box and then the send button.
    await page.focus('#error-summary');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('consent_data_processing');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('consent_talent_pool');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await visible(page, '#application-sent');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('applied-heading');
    await checkPage(page, 'applied');

    const listed = await t.http.get(`/api/jobs/${setup.jobId}/applications`, {
      token: setup.recruiter.accessToken,
      query: { q: email },
    });
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        applicant_name: 'Ada Browser',
        applicant_email: email,
        resume_id: expect.any(String),
      }),
    ]);
  });

  it('takes an interview from the invitation link: typed and recorded answers, reported paste and tab switch, resume after reload', async () => {
    const stale = await open('/interview/no-such-invitation-token');
    await stale.waitForFunction(() =>
      document.getElementById('interview-status')?.textContent?.includes('not valid any more'),
    );
    await checkPage(stale, 'interview-invalid-link');

    const { applicationId, email } = await applyWithoutAccount(t.http, setup.jobId);
    const interviewId = await scheduleInterview(t.http, setup, applicationId);
    const page = await open(await invitationPath(t.http, setup.admin, email));

    await visible(page, '#step-welcome');
    expect(await textOf(page, '#welcome-count')).toContain('3 questions');
    expect(await textOf(page, '#proctoring-notice')).toContain(
      'paste or copy text, switch to another tab',
    );
    await checkPage(page, 'interview-welcome');
    await page.click('label[for=consent-ai]');
    await page.click('label[for=consent-recording]');
    await page.click('#consent-form button[type=submit]');
    await visible(page, '#step-check');
    await page.click('#check-mic');
    await page.waitForFunction(() =>
      document.getElementById('check-result')?.textContent?.includes('works'),
    );
    await checkPage(page, 'interview-check');
    await page.click('#start-interview');
    await visible(page, '#step-question');
    await visible(page, '#timer');
    await checkPage(page, 'interview-question');

    // Question 1, typed; a paste into the answer and a switch to another tab on the way.
    await page.type(
      '#answer-text',
      'I index the columns the queries filter on and check plans with EXPLAIN ANALYZE.',
    );
    await page.evaluate(() =>
      navigator.clipboard?.writeText?.('pasted words').catch(() => undefined),
    );
    await page.focus('#answer-text');
    await page.keyboard.down('Control');
    await page.keyboard.press('KeyV');
    await page.keyboard.up('Control');
    const other = await browser.browser.newPage();
    await other.bringToFront();
    await page.bringToFront();
    await other.close();
    await page.waitForFunction(() => document.getElementById('event-log')?.textContent !== '');
    await page.click('#send-typed');
    await page.waitForFunction(() =>
      document.getElementById('question-progress')?.textContent?.startsWith('Question 2'),
    );

    // A reload resumes at the first unanswered question.
    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForFunction(() =>
      document.getElementById('question-progress')?.textContent?.startsWith('Question 2'),
    );

    // Question 2, recorded from the fake microphone.
    await visible(page, '#record-answer');
    await page.click('#record-answer');
    await visible(page, '#stop-recording');
    await page.waitForFunction(() =>
      document.getElementById('answer-status')?.textContent?.includes('Recording'),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await page.click('#stop-recording');
    await page.waitForFunction(() =>
      document.getElementById('question-progress')?.textContent?.startsWith('Question 3'),
    );

    await page.type(
      '#answer-text',
      'Transactions keep row, audit entry and queued job together: all or nothing.',
    );
    await page.click('#send-typed');
    await visible(page, '#step-complete');
    await checkPage(page, 'interview-complete');

    const results = await until(
      () =>
        t.http.get(`/api/interviews/${interviewId}/results`, {
          token: setup.recruiter.accessToken,
        }),
      (r) =>
        r.status === 200 &&
        r.body.fraud_risk !== null &&
        r.body.answers.filter((a: any) => a.scores).length >= 2,
    );
    expect(results.body.answers).toHaveLength(3);
    const typed = results.body.answers.filter(
      (a: any) => a.answer_text?.includes('EXPLAIN') || a.answer_text?.includes('Transactions'),
    );
    expect(typed).toHaveLength(2);
    for (const answer of typed) {
      expect(answer.scores.overall).toEqual(expect.any(Number));
    }
    // The recording arrived as audio; with no transcriber configured it waits for a transcript.
    expect(results.body.answers.filter((a: any) => a.input === 'audio')).toEqual([
      expect.objectContaining({ scoring_status: 'awaiting_transcript' }),
    ]);
    const signals = (results.body.fraud_risk.signals as { type: string }[]).map((s) => s.type);
    expect(signals).toEqual(expect.arrayContaining(['paste', 'tab_hidden']));
  });

  it('shows a signed-in candidate their applications and consent, then erases their data', async () => {
    const candidate = await signupCandidate(t.http);
    const applied = await t.http.post(
      `/api/jobs/${setup.jobId}/applications`,
      {
        applicant_name: 'Casey Candidate',
        applicant_email: candidate.email,
        consent_data_processing: true,
      },
      { token: candidate.accessToken },
    );
    expect(applied.status).toBe(201);

    const page = await open('/me');
    await visible(page, '#signin-form');
    await checkPage(page, 'me-signin');
    await page.type('#username', candidate.username);
    await page.type('#password', candidate.password);
    await page.click('#signin-form button[type=submit]');
    await visible(page, '#applications-table');
    expect(await textOf(page, '#applications-body')).toContain('Backend Engineer');
    await checkPage(page, 'me');

    await page.click('label[for=consent-ai_evaluation]');
    await page.click('#consent-form button[type=submit]');
    await page.waitForFunction(() => document.getElementById('consent-status')?.textContent !== '');
    const consent = await t.http.get('/api/gdpr/consent', { token: candidate.accessToken });
    expect(consent.body.current).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: 'ai_evaluation', granted: true }),
      ]),
    );

    await page.click('#export-data');
    await visible(page, '#export-link');
    expect(await page.$eval('#export-link', (el) => el.getAttribute('href'))).toMatch(/^blob:/);

    await page.click('#erase-form button[type=submit]');
    await visible(page, '#erase-error');
    await page.click('label[for=erase-confirm]');
    await page.click('#erase-form button[type=submit]');
    await page.waitForFunction(
      () =>
        document
          .getElementById('erase-status')
          ?.textContent?.includes('erased and you were signed out'),
      { timeout: 60_000 },
    );
    const requestId = /request ([0-9a-f-]{36})/.exec(await textOf(page, '#erase-status'))?.[1];
    await checkPage(page, 'me-erased');

    const request = await until(
      () => t.http.get(`/api/gdpr/requests/${requestId}`, { token: setup.admin.accessToken }),
      (r) => r.body.status === 'completed',
    );
    expect(request.body.status).toBe('completed');
    expect(
      (
        await t.http.post('/api/auth/login', {
          username: candidate.username,
          password: candidate.password,
        })
      ).status,
    ).toBe(401);
  });
});
