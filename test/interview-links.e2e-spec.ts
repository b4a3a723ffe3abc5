import type { ParsedMail } from 'mailparser';
import { InterviewRemindersService } from '../src/interviews/invitations/interview-reminders.service';
import { unique } from './support/factories';
import {
  applyWithoutAccount,
  hiringSetup,
  HiringSetup,
  scheduleInterview,
} from './support/hiring-fixtures';
import { calendarOf, icsText, icsValue } from './support/ics-parse';
import { linksIn, SmtpTestServer } from './support/smtp-test-server';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const PUBLIC_URL = 'https://jobs.panelist.test';

// Invitation links: the e-mail, its calendar part, and the link used end to end without an
// account; reschedule, cancel, resend and reminders; the recruiter's notice on completion.
describe('Interview invitations and links (e2e)', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let setup: HiringSetup;

  const mailTo = (email: string, subject: RegExp, nth = 0): Promise<ParsedMail> =>
    smtp.waitFor((m) => smtp.to(email).filter((x) => subject.test(x.subject ?? ''))[nth] === m);
  const interviewLink = (mail: ParsedMail): string => {
    const link = linksIn(mail.text).find((l) => l.startsWith(`${PUBLIC_URL}/interview/`));
    expect(link).toBeDefined();
    return link!;
  };
  const exchange = (link: string) =>
    t.http.post('/api/interviews/access', { token: link.split('/interview/')[1] });

  beforeAll(async () => {
    smtp = new SmtpTestServer();
    await smtp.start();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL } });
    setup = await hiringSetup(t.http);
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
    delete process.env.SMTP_URL;
    delete process.env.PUBLIC_URL;
  });

  it('an anonymous applicant takes the interview from the e-mailed link: invitation + METHOD:REQUEST, access token limited to that interview, recruiter notified on completion', async () => {
    const { applicationId, email } = await applyWithoutAccount(t.http, setup.jobId);
    const received = await mailTo(email, /We received your application/);
    expect(received.text).toContain('Backend Engineer, Berlin; remote');

    const interviewId = await scheduleInterview(t.http, setup, applicationId);
    const invitation = await mailTo(email, /Interview invitation/);
    expect(invitation.html).toBeTruthy();
    const link = interviewLink(invitation);
    const ics = calendarOf(invitation);
    expect(icsValue(ics.props, 'METHOD')).toBe('REQUEST');
    expect(icsValue(ics.props, 'UID')).toBe(`${interviewId}@panelist`);
    expect(icsValue(ics.props, 'SEQUENCE')).toBe('0');
    expect(icsValue(ics.props, 'SUMMARY')).toBe(
      'Interview: Backend Engineer\\, Berlin\\; remote at Acme',
    );
    expect(icsText(icsValue(ics.props, 'SUMMARY'))).toBe(
      'Interview: Backend Engineer, Berlin; remote at Acme',
    );
    expect(icsValue(ics.props, 'URL')).toBe(link);
    expect(ics.raw.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(ics.props.find((p) => p.name === 'ATTENDEE')?.value).toBe(`mailto:${email}`);

    const access = await exchange(link);
    expect(access.status).toBe(200);
    expect(access.body).toEqual({
      access_token: expect.any(String),
      expires_in: expect.any(Number),
      interview: expect.objectContaining({ id: interviewId, status: 'Scheduled' }),
    });
    const guest = access.body.access_token as string;

    // Nothing but this interview's own routes accepts the guest token.
    for (const [method, path] of [
      ['GET', '/api/auth/me'],
      ['GET', '/api/interviews'],
      ['GET', `/api/interviews/${interviewId}`],
      ['GET', `/api/interviews/${interviewId}/calendar.ics`],
      ['GET', '/api/applications/me'],
      ['GET', `/api/applications/${applicationId}`],
      ['POST', '/api/gdpr/export'],
    ] as const) {
      const res = await t.http.request(
        method,
        path,
        method === 'GET' ? undefined : { format: 'json' },
        {
          token: guest,
        },
      );
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
    const questions = await t.http.get(`/api/interviews/${interviewId}/questions`, {
      token: guest,
    });
    expect(questions.status).toBe(200);
    expect(JSON.stringify(questions.body)).not.toContain('gold_standard_answer');
    const start = await t.http.post(`/api/interviews/${interviewId}/start`, {}, { token: guest });
    expect(start.status).toBe(200);
    for (const q of start.body.questions as { id: string }[]) {
      const answer = await t.http.post(
        `/api/interviews/${interviewId}/answers`,
        {
          question_id: q.id,
          answer_text: 'I would index the foreign keys and read the query plan first.',
        },
        { token: guest },
      );
      expect(answer.status).toBe(201);
    }
    const event = await t.http.post(
      `/api/interviews/${interviewId}/events`,
      { type: 'tab_hidden', at: new Date().toISOString() },
      { token: guest },
    );
    expect(event.status).toBe(202);
    const complete = await t.http.post(
      `/api/interviews/${interviewId}/complete`,
      {},
      { token: guest },
    );
    expect(complete.status).toBe(200);
    expect(complete.body.status).toBe('Completed');

    // The token and the link die with the interview.
    expect(
      (await t.http.post(`/api/interviews/${interviewId}/start`, {}, { token: guest })).status,
    ).toBe(401);
    expect((await exchange(link)).status).toBe(400);

    const notice = await mailTo(setup.recruiter.email, /Interview completed/);
    expect(notice.text).toContain('Robin Applicant');
    expect(linksIn(notice.text)).toContain(`${PUBLIC_URL}/api/interviews/${interviewId}/results`);
  });

  it('a guest token cannot reach another interview, even of the same job', async () => {
    const first = await applyWithoutAccount(t.http, setup.jobId);
    const second = await applyWithoutAccount(t.http, setup.jobId);
    await scheduleInterview(t.http, setup, first.applicationId);
    const otherId = await scheduleInterview(t.http, setup, second.applicationId);
    const guest = (await exchange(interviewLink(await mailTo(first.email, /Interview invitation/))))
      .body.access_token as string;
    expect(
      (await t.http.post(`/api/interviews/${otherId}/start`, {}, { token: guest })).status,
    ).toBe(404);
    expect(
      (await t.http.get(`/api/interviews/${otherId}/questions`, { token: guest })).status,
    ).toBe(404);
  });

  it('reschedule sends interview_updated (same UID, higher SEQUENCE, new link); cancel sends METHOD:CANCEL and ends the link', async () => {
    const { applicationId, email } = await applyWithoutAccount(t.http, setup.jobId);
    const interviewId = await scheduleInterview(t.http, setup, applicationId);
    const firstLink = interviewLink(await mailTo(email, /Interview invitation/));
    const moved = await t.http.patch(
      `/api/interviews/${interviewId}`,
      { scheduled_at: new Date(Date.now() + 2 * 3600_000).toISOString() },
      { token: setup.recruiter.accessToken },
    );
    expect(moved.status).toBe(200);
    const updated = await mailTo(email, /Interview rescheduled/);
    const updatedIcs = calendarOf(updated);
    expect(icsValue(updatedIcs.props, 'METHOD')).toBe('REQUEST');
    expect(icsValue(updatedIcs.props, 'UID')).toBe(`${interviewId}@panelist`);
    expect(icsValue(updatedIcs.props, 'SEQUENCE')).toBe('1');
    const secondLink = interviewLink(updated);
    expect(secondLink).not.toBe(firstLink);
    expect((await exchange(firstLink)).status).toBe(400);
    const guest = (await exchange(secondLink)).body.access_token as string;

    const cancelled = await t.http.post(
      `/api/interviews/${interviewId}/cancel`,
      { reason: 'Position filled' },
      { token: setup.recruiter.accessToken },
    );
    expect(cancelled.status).toBe(200);
    const cancellation = await mailTo(email, /Interview cancelled/);
    const cancelIcs = calendarOf(cancellation);
    expect(icsValue(cancelIcs.props, 'METHOD')).toBe('CANCEL');
    expect(icsValue(cancelIcs.props, 'UID')).toBe(`${interviewId}@panelist`);
    expect(icsValue(cancelIcs.props, 'SEQUENCE')).toBe('2');
    expect(icsValue(cancelIcs.props, 'STATUS')).toBe('CANCELLED');
    expect((await exchange(secondLink)).status).toBe(400);
    expect(
      (await t.http.get(`/api/interviews/${interviewId}/questions`, { token: guest })).status,
    ).toBe(401);
  });

  it('resend-invitation mails a new link and revokes the old one', async () => {
    const { applicationId, email } = await applyWithoutAccount(t.http, setup.jobId);
    const interviewId = await scheduleInterview(t.http, setup, applicationId);
    const oldLink = interviewLink(await mailTo(email, /Interview invitation/));
    const oldGuest = (await exchange(oldLink)).body.access_token as string;
    const resent = await t.http.post(
      `/api/interviews/${interviewId}/resend-invitation`,
      {},
      { token: setup.recruiter.accessToken },
    );
    expect(resent.status).toBe(202);
    const newLink = interviewLink(await mailTo(email, /Interview invitation/, 1));
    expect(newLink).not.toBe(oldLink);
    expect((await exchange(oldLink)).status).toBe(400);
    expect(
      (await t.http.post(`/api/interviews/${interviewId}/start`, {}, { token: oldGuest })).status,
    ).toBe(401);
    expect((await exchange(newLink)).status).toBe(200);
  });

  it('a reminder goes once, 24 h ahead, with List-Unsubscribe; the signed link stops further reminders without signing in', async () => {
    const { applicationId, email } = await applyWithoutAccount(t.http, setup.jobId);
    const at = new Date(Date.now() + 23 * 3600_000);
    const interviewId = await scheduleInterview(t.http, setup, applicationId, at);
    const reminders = t.app.get(InterviewRemindersService);
    await reminders.queueDueReminders();
    await reminders.queueDueReminders();
    const reminder = await mailTo(email, /Reminder/);
    const headerLine = (key: string): string =>
      reminder.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, '') ?? '';
    const unsubscribe = /^<([^>]+)>$/.exec(headerLine('list-unsubscribe'))![1];
    expect(unsubscribe.startsWith(`${PUBLIC_URL}/api/mail/unsubscribe?token=`)).toBe(true);
    expect(headerLine('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const rows = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM mail_messages WHERE template = 'interview_reminder' AND event_key LIKE $1`,
      [`interview_reminder:${interviewId}:%`],
    );
    expect(rows[0].n).toBe(1);

    const local = unsubscribe.replace(PUBLIC_URL, '');
    expect((await t.http.get(local)).status).toBe(200);
    const oneClick = await t.http.post(local, undefined, {
      form: { 'List-Unsubscribe': 'One-Click' },
    });
    expect(oneClick.status).toBe(204);
    // Moving the interview makes a new reminder due, which the preference now stops.
    await t.http.patch(
      `/api/interviews/${interviewId}`,
      { scheduled_at: new Date(at.getTime() + 3600_000).toISOString() },
      { token: setup.recruiter.accessToken },
    );
    await reminders.queueDueReminders();
    const after = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM mail_messages WHERE template = 'interview_reminder' AND event_key LIKE $1`,
      [`interview_reminder:${interviewId}:%`],
    );
    expect(after[0].n).toBe(1);
    expect((await t.http.post(`/api/mail/unsubscribe?token=${unique('forged')}x.y`)).status).toBe(
      404,
    );
  });

  it('the candidate’s own .ics download carries the same link; staff get none', async () => {
    const { applicationId, email } = await applyWithoutAccount(t.http, setup.jobId);
    const interviewId = await scheduleInterview(t.http, setup, applicationId);
    const link = interviewLink(await mailTo(email, /Interview invitation/));
    const staff = await t.http.get(`/api/interviews/${interviewId}/calendar.ics`, {
      token: setup.recruiter.accessToken,
    });
    expect(staff.status).toBe(200);
    expect(staff.text.replace(/\r\n /g, '')).not.toContain(link);
    expect(staff.text.replace(/\r\n /g, '')).toContain(`UID:${interviewId}@panelist`);
  });
});
