import type { ParsedMail } from 'mailparser';
import { signupCandidate, unique } from './support/factories';
import { until } from './support/gdpr';
import { applyWithoutAccount, hiringSetup, HiringSetup } from './support/hiring-fixtures';
import { decodedHtml, SmtpTestServer } from './support/smtp-test-server';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

interface MailRow {
  id: string;
  to: string | null;
  template: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

// The outbox against a real SMTP server: retries, permanent refusals, an SMTP server that is
// down, idempotency per event, encryption at rest, admin templates and the remaining messages
// (rejection now and later, GDPR export and erasure).
describe('Mail outbox and templates (e2e)', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let setup: HiringSetup;
  const admin = () => ({ token: setup.admin.accessToken });

  const mailTo = (email: string, subject: RegExp): Promise<ParsedMail> =>
    smtp.waitFor((m) => smtp.to(email).includes(m) && subject.test(m.subject ?? ''));
  const rowFor = async (email: string, template: string): Promise<MailRow | undefined> => {
    const list = await t.http.get('/api/admin/mail', {
      ...admin(),
      query: { template, limit: 100 },
    });
    return (list.body.items as MailRow[]).find((m) => m.to === email);
  };
  const settled = (email: string, template: string) =>
    until(
      () => rowFor(email, template),
      (row) => !!row && row.status !== 'queued',
      40_000,
    );

  beforeAll(async () => {
    smtp = new SmtpTestServer();
    await smtp.start();
    t = await createTestApp({
      env: { SMTP_URL: smtp.url, MAIL_RETRY_LIMIT: '2', MAIL_RETRY_DELAY_SECONDS: '1' },
    });
    setup = await hiringSetup(t.http, 'Data Engineer');
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
    for (const key of ['SMTP_URL', 'MAIL_RETRY_LIMIT', 'MAIL_RETRY_DELAY_SECONDS']) {
      delete process.env[key];
    }
  });

  it('4xx then success: retried with back-off and sent once, the delivery log says so', async () => {
    smtp.refuseNext({ code: 451, message: 'Try again later' });
    const user = await signupCandidate(t.http);
    await mailTo(user.email, /Confirm your e-mail/);
    const row = await settled(user.email, 'verify_email');
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.to(user.email)).toHaveLength(1);
    const detail = await t.http.get(`/api/admin/mail/${row!.id}`, admin());
    expect(detail.body).toMatchObject({
      id: row!.id,
      to: user.email,
      template: 'verify_email',
      status: 'sent',
      sent_at: expect.any(String),
      text: expect.stringContaining('/verify-email?token='),
      html: expect.stringContaining('<a href='),
    });
    expect(detail.body.smtp_response).toMatch(/^250/);
  });

  it('5xx: a permanent refusal fails at once, with the reply in last_error and no address', async () => {
    smtp.refuseNext({ code: 550, message: 'Mailbox unavailable' });
    const user = await signupCandidate(t.http);
    const row = await settled(user.email, 'verify_email');
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.last_error).toContain('550');
    expect(row!.last_error).not.toContain(user.email);
    expect(smtp.to(user.email)).toEqual([]);
  });

  it('4xx on every try: failed once the retries are used up', async () => {
    smtp.refuseAlways({ code: 421, message: 'Service not available' });
    try {
      const user = await signupCandidate(t.http);
      const row = await settled(user.email, 'verify_email');
      expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    } finally {
      smtp.refuseAlways(null);
    }
  });

  it('SMTP server down: messages wait and go out once it is back', async () => {
    await smtp.stop();
    const user = await signupCandidate(t.http);
    await until(
      () => rowFor(user.email, 'verify_email'),
      (row) => !!row?.last_error,
      20_000,
    );
    const waiting = await rowFor(user.email, 'verify_email');
    expect(waiting!.status).toBe('queued');
    expect(waiting!.last_error).toMatch(/ECONNECTION|ECONNREFUSED|ESOCKET/);
    await smtp.start();
    await mailTo(user.email, /Confirm your e-mail/);
    expect((await settled(user.email, 'verify_email'))!.status).toBe('sent');
  });

  it('stores recipients, subjects and bodies encrypted; the same event never makes two messages', async () => {
    const { email, applicationId } = await applyWithoutAccount(t.http, setup.jobId);
    await mailTo(email, /We received your application/);
    const dump = JSON.stringify(await t.dataSource.query('SELECT * FROM mail_messages'));
    expect(dump).not.toContain(email);
    expect(dump).not.toContain('We received your application');
    const rows = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM mail_messages WHERE event_key = $1`,
      [`application_received:${applicationId}`],
    );
    expect(rows[0].n).toBe(1);
  });

  it('templates: listed with their variables; an unknown variable, a helper or a broken template → 400; a valid edit is what goes out, HTML-escaped', async () => {
    const list = await t.http.get('/api/email-templates', admin());
    expect(list.status).toBe(200);
    expect((list.body.items as { key: string }[]).map((i) => i.key).sort()).toEqual(
      [
        'application_received',
        'application_rejected',
        'gdpr_erasure_done',
        'gdpr_export_ready',
        'interview_cancelled',
        'interview_completed',
        'interview_invitation',
        'interview_reminder',
        'interview_updated',
        'password_reset',
        'verify_email',
      ].sort(),
    );
    const put = (body: Record<string, string>) =>
      t.http.put('/api/email-templates/application_received', body, admin());
    const base = {
      subject: 'Got it: {{job_title}}',
      text: 'Hi {{recipient_name}}',
      html: '<p>Hi {{recipient_name}}</p>',
    };
    for (const bad of [
      { ...base, text: 'Hi {{password}}' },
      { ...base, html: '<p>{{constructor.constructor}}</p>' },
      { ...base, html: '<p>{{{recipient_name}}}</p>' },
      { ...base, text: '{{#each job_title}}x{{/each}}' },
      { ...base, subject: '{{lookup this "x"}}' },
      { ...base, text: 'Hi {{#if recipient_name}}' },
      { ...base, html: '{{> partial}}' },
    ]) {
      const res = await put(bad);
      expect([JSON.stringify(bad), res.status]).toEqual([JSON.stringify(bad), 400]);
    }
    const recruiterPut = await t.http.put('/api/email-templates/application_received', base, {
      token: setup.recruiter.accessToken,
    });
    expect(recruiterPut.status).toBe(403);
    expect((await put(base)).status).toBe(200);

    const preview = await t.http.post(
      '/api/email-templates/application_received/preview',
      { variables: { recipient_name: '<script>alert(1)</script>', job_title: 'Ops' } },
      admin(),
    );
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe('Got it: Ops');
    expect(preview.body.html).toBe('<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(preview.body.text).toBe('Hi <script>alert(1)</script>');

    const { email } = await applyWithoutAccount(t.http, setup.jobId, undefined, 'Sam <b>Bold</b>');
    const mail = await mailTo(email, /^Got it: Data Engineer$/);
    expect(mail.text?.trim()).toBe('Hi Sam <b>Bold</b>');
    expect(mail.html).toBe('<p>Hi Sam &lt;b&gt;Bold&lt;/b&gt;</p>');
    expect((await t.http.delete('/api/email-templates/application_received', admin())).status).toBe(
      204,
    );
    expect((await t.http.get('/api/email-templates/nope', admin())).status).toBe(404);
  });

  it('rejection: only when asked; the job’s own wording; send_at later is cancelled by un-rejecting', async () => {
    const jobTemplate = await t.http.put(
      `/api/jobs/${setup.jobId}/email-templates/application_rejected`,
      {
        subject: 'About {{job_title}}',
        text: 'Dear {{recipient_name}}, the team chose another candidate.',
        html: '<p>Dear {{recipient_name}}, the team chose another candidate.</p>',
      },
      { token: setup.recruiter.accessToken },
    );
    expect(jobTemplate.status).toBe(200);
    const reject = (id: string, extra: Record<string, unknown>) =>
      t.http.post(
        `/api/applications/${id}/reject`,
        { rejection_reason: 'Not enough PostgreSQL', ...extra },
        { token: setup.recruiter.accessToken },
      );

    const quiet = await applyWithoutAccount(t.http, setup.jobId);
    expect((await reject(quiet.applicationId, {})).status).toBe(200);
    const now = await applyWithoutAccount(t.http, setup.jobId);
    expect((await reject(now.applicationId, { send_email: {} })).status).toBe(200);
    const note = await mailTo(now.email, /^About Data Engineer$/);
    expect(decodedHtml(note.html)).toContain('the team chose another candidate');

    const later = await applyWithoutAccount(t.http, setup.jobId);
    const sendAt = new Date(Date.now() + 3600_000).toISOString();
    expect((await reject(later.applicationId, { send_email: { send_at: sendAt } })).status).toBe(
      200,
    );
    expect((await rowFor(later.email, 'application_rejected'))?.status).toBe('queued');
    const unrejected = await t.http.post(
      `/api/applications/${later.applicationId}/unreject`,
      {},
      { token: setup.recruiter.accessToken },
    );
    expect(unrejected.status).toBe(200);
    expect(await rowFor(later.email, 'application_rejected')).toBeUndefined();
    expect(smtp.to(quiet.email).filter((m) => /About/.test(m.subject ?? ''))).toEqual([]);
    expect(
      (await reject(later.applicationId, { send_email: { template: 'verify_email' } })).status,
    ).toBe(400);

    const moved = await applyWithoutAccount(t.http, setup.jobId);
    const move = await t.http.post(
      '/api/ats/move-stage',
      {
        application_id: moved.applicationId,
        to_stage: 'rejected',
        reason: 'Role closed',
        send_email: {},
      },
      { token: setup.recruiter.accessToken },
    );
    expect(move.status).toBe(200);
    await mailTo(moved.email, /^About Data Engineer$/);
  });

  it('rejection: the default note is worded by the reason’s type (they withdrew vs we declined)', async () => {
    const removed = await t.http.delete(
      `/api/jobs/${setup.jobId}/email-templates/application_rejected`,
      { token: setup.recruiter.accessToken },
    );
    expect(removed.status).toBe(204);
    const reasons = (
      await t.http.get('/api/ats/rejection-reasons', { token: setup.recruiter.accessToken })
    ).body.items;
    const declined = reasons.find((r: any) => r.type === 'they_rejected');
    const turnedDown = reasons.find((r: any) => r.type === 'we_rejected');
    const noteFor = async (reasonId: string) => {
      const applicant = await applyWithoutAccount(t.http, setup.jobId);
      const res = await t.http.post(
        `/api/applications/${applicant.applicationId}/reject`,
        { rejection_reason_id: reasonId, send_email: {} },
        { token: setup.recruiter.accessToken },
      );
      expect(res.status).toBe(200);
      return mailTo(applicant.email, /^Your application for Data Engineer$/);
    };
    const theirs = await noteFor(declined.id);
    expect(theirs.text).toContain('no longer pursuing Data Engineer');
    expect(theirs.text).not.toContain('not be moving forward');
    const ours = await noteFor(turnedDown.id);
    expect(ours.text).toContain('not be moving forward');
    expect(ours.text).not.toContain('no longer pursuing');
  });

  it('GDPR: export ready goes to the requester; erasure done reaches the address, then the outbox keeps no trace of it', async () => {
    const user = await signupCandidate(t.http);
    await t.http.post(
      '/api/gdpr/consent',
      { purpose: 'data_processing', granted: true, policy_version: '2026-01' },
      { token: user.accessToken },
    );
    const exported = await t.http.post(
      '/api/gdpr/export',
      { format: 'json' },
      { token: user.accessToken },
    );
    expect(exported.status).toBe(202);
    const ready = await mailTo(user.email, /Your data export is ready/);
    expect(ready.text).toContain(`/api/gdpr/exports/${exported.body.export_id}`);

    const erase = await t.http.post('/api/gdpr/delete', {}, { token: user.accessToken });
    expect(erase.status).toBe(202);
    const done = await mailTo(user.email, /Your personal data has been erased/);
    expect(done.text).toContain(erase.body.request_id);
    const notice = await until(
      async () =>
        (
          await t.dataSource.query(
            `SELECT status, recipient_encrypted, text_body_encrypted, recipient_hash FROM mail_messages WHERE event_key = $1`,
            [`gdpr_erasure_done:${erase.body.request_id}`],
          )
        )[0] as Record<string, unknown>,
      (row) => row?.status === 'sent' && row.recipient_encrypted === null,
    );
    expect(notice).toMatchObject({
      status: 'sent',
      recipient_encrypted: null,
      text_body_encrypted: null,
    });
    // The person's other messages went with the erasure.
    const left = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM mail_messages WHERE subject_user_id = $1`,
      [user.id],
    );
    expect(left[0].n).toBe(0);
  });

  it('admin mail routes: cursor list walks every row once; candidates and recruiters are refused', async () => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await t.http.get('/api/admin/mail', { ...admin(), query: { limit: 3, cursor } });
      expect(page.status).toBe(200);
      for (const item of page.body.items as MailRow[]) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
        expect(Object.keys(item).sort()).toEqual(
          [
            'attempts',
            'created_at',
            'id',
            'last_error',
            'sent_at',
            'status',
            'subject',
            'template',
            'to',
          ].sort(),
        );
      }
      cursor = page.body.next_cursor ?? undefined;
    } while (cursor);
    const total = await t.dataSource.query('SELECT count(*)::int AS n FROM mail_messages');
    expect(seen.size).toBe(total[0].n);
    const candidate = await signupCandidate(t.http, { username: unique('c_') });
    expect((await t.http.get('/api/admin/mail', { token: candidate.accessToken })).status).toBe(
      403,
    );
    expect(
      (await t.http.get('/api/admin/mail', { token: setup.recruiter.accessToken })).status,
    ).toBe(403);
  });

  it('OpenAPI describes every new route with its request body and answers', async () => {
    const { paths, components } = (await t.http.get('/docs-json')).body;
    for (const [path, method] of [
      ['/api/admin/mail', 'get'],
      ['/api/admin/mail/{id}', 'get'],
      ['/api/email-templates', 'get'],
      ['/api/email-templates/{key}', 'put'],
      ['/api/email-templates/{key}/preview', 'post'],
      ['/api/jobs/{jobId}/email-templates/{key}', 'put'],
      ['/api/auth/verify-email', 'post'],
      ['/api/auth/verify-email/resend', 'post'],
      ['/api/auth/password-reset', 'post'],
      ['/api/auth/password-reset/confirm', 'post'],
      ['/api/interviews/access', 'post'],
      ['/api/interviews/{id}/resend-invitation', 'post'],
      ['/api/mail/unsubscribe', 'post'],
    ]) {
      expect([path, method, !!paths[path]?.[method]?.responses]).toEqual([path, method, true]);
    }
    expect(paths['/api/email-templates/{key}'].put.requestBody).toBeDefined();
    expect(paths['/api/interviews/access'].post.requestBody).toBeDefined();
    expect(Object.keys(components.schemas.UserResponse.properties)).toContain('email_verified');
    expect(Object.keys(components.schemas.RejectApplicationDto.properties)).toContain('send_email');
  });

  it('retention: the mail category deletes finished messages older than its days', async () => {
    const { email } = await applyWithoutAccount(t.http, setup.jobId);
    const row = await settled(email, 'application_received');
    await t.dataSource.query(
      `UPDATE mail_messages SET created_at = now() - interval '400 days' WHERE id = $1`,
      [row!.id],
    );
    const policies = await t.http.get('/api/gdpr/retention', admin());
    expect(
      (policies.body.policies as { category: string }[]).find((p) => p.category === 'mail'),
    ).toMatchObject({ days: 90, action: 'delete' });
    const dry = await t.http.post('/api/gdpr/retention/run', { dry_run: true }, admin());
    expect(JSON.stringify(dry.body)).toContain('mail');
    const real = await t.http.post('/api/gdpr/retention/run', { dry_run: false }, admin());
    expect(real.status).toBe(200);
    expect((await t.http.get(`/api/admin/mail/${row!.id}`, admin())).status).toBe(404);
  });
});
