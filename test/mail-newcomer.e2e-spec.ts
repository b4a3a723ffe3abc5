import { loginAdmin, signupCandidate } from './support/factories';
import { applyWithoutAccount, hiringSetup, scheduleInterview } from './support/hiring-fixtures';
import { linksIn, tokenFrom } from './support/smtp-test-server';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(90_000);

interface MailSummary {
  id: string;
  to: string;
  template: string;
  status: string;
}

// The embedded default has no SMTP_URL: every message is still rendered and kept as
// not_configured, and a newcomer reads it as admin and follows its links.
describe('Mail on the embedded default, without SMTP (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    delete process.env.SMTP_URL;
    t = await createTestApp();
  });

  afterAll(() => t.close());

  const messageFor = async (adminToken: string, to: string, template: string) => {
    const list = await t.http.get('/api/admin/mail', {
      token: adminToken,
      query: { template, limit: 100 },
    });
    expect(list.status).toBe(200);
    const item = (list.body.items as MailSummary[]).find((m) => m.to === to);
    expect(item).toMatchObject({ template, status: 'not_configured' });
    const detail = await t.http.get(`/api/admin/mail/${item!.id}`, { token: adminToken });
    expect(detail.status).toBe(200);
    expect(detail.body.html).toContain('<');
    return detail.body as { text: string; html: string; subject: string };
  };

  it('a newcomer signs up, reads the verification e-mail as admin and follows its link', async () => {
    const user = await signupCandidate(t.http);
    const admin = await loginAdmin(t.http);
    const message = await messageFor(admin.accessToken, user.email, 'verify_email');
    const link = linksIn(message.text).find((l) => l.startsWith('http://localhost:'));
    expect(link).toMatch(/^http:\/\/localhost:\d+\/verify-email\?token=/);
    expect((await t.http.post('/api/auth/verify-email', { token: tokenFrom(link!) })).status).toBe(
      204,
    );
    const me = await t.http.get('/api/auth/me', { token: user.accessToken });
    expect(me.body.email_verified).toBe(true);
  });

  it('and follows an interview link from the invitation to a completed interview', async () => {
    const setup = await hiringSetup(t.http);
    const { applicationId, email } = await applyWithoutAccount(t.http, setup.jobId);
    const interviewId = await scheduleInterview(t.http, setup, applicationId);
    const message = await messageFor(setup.admin.accessToken, email, 'interview_invitation');
    const link = linksIn(message.text).find((l) => l.includes('/interview/'))!;
    const access = await t.http.post('/api/interviews/access', { token: tokenFrom(link) });
    expect(access.status).toBe(200);
    const token = access.body.access_token as string;
    const start = await t.http.post(`/api/interviews/${interviewId}/start`, {}, { token });
    expect(start.status).toBe(200);
    for (const q of start.body.questions as { id: string }[]) {
      const answered = await t.http.post(
        `/api/interviews/${interviewId}/answers`,
        { question_id: q.id, answer_text: 'Measure first, then change one thing at a time.' },
        { token },
      );
      expect(answered.status).toBe(201);
    }
    const done = await t.http.post(`/api/interviews/${interviewId}/complete`, {}, { token });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('Completed');
  });
});
