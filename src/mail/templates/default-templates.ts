import type { TemplateKey } from './template-keys';

export interface TemplateSource {
  subject: string;
  text: string;
  html: string;
}

// The shipped wording. Handlebars, strict: {{var}} is HTML-escaped in the HTML part; the text part
// and the subject are not HTML. Admins replace any of them through PUT /api/email-templates/:key.
const SIGN_OFF_TEXT = '\n\n— {{app_name}}\n{{public_url}}\n';
const html = (body: string): string =>
  `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${body}<p style="color:#666">— {{app_name}}</p></body></html>`;

export const DEFAULT_TEMPLATES: Record<TemplateKey, TemplateSource> = {
  verify_email: {
    subject: 'Confirm your e-mail address',
    text:
      'Hello {{recipient_name}},\n\nPlease confirm your e-mail address by opening this link:\n{{verify_url}}\n\nThe link works once and expires in {{expires_hours}} hours. If you did not sign up, ignore this message.' +
      SIGN_OFF_TEXT,
    html: html(
      '<p>Hello {{recipient_name}},</p><p>Please confirm your e-mail address:</p><p><a href="{{verify_url}}">Confirm my address</a></p><p>The link works once and expires in {{expires_hours}} hours. If you did not sign up, ignore this message.</p>',
    ),
  },
  password_reset: {
    subject: 'Reset your password',
    text:
      'Hello {{recipient_name}},\n\nSomeone asked to reset the password of your account. To choose a new one, open:\n{{reset_url}}\n\nThe link works once and expires in {{expires_minutes}} minutes. Resetting signs you out everywhere. If it was not you, ignore this message.' +
      SIGN_OFF_TEXT,
    html: html(
      '<p>Hello {{recipient_name}},</p><p>Someone asked to reset the password of your account.</p><p><a href="{{reset_url}}">Choose a new password</a></p><p>The link works once and expires in {{expires_minutes}} minutes. Resetting signs you out everywhere. If it was not you, ignore this message.</p>',
    ),
  },
  application_received: {
    subject: 'We received your application: {{job_title}}',
    text:
      'Hello {{recipient_name}},\n\nThank you for applying for {{job_title}}{{#if company}} at {{company}}{{/if}}. We received your application on {{applied_at}} and will be in touch.' +
      SIGN_OFF_TEXT,
    html: html(
      '<p>Hello {{recipient_name}},</p><p>Thank you for applying for <strong>{{job_title}}</strong>{{#if company}} at {{company}}{{/if}}. We received your application on {{applied_at}} and will be in touch.</p>',
    ),
  },
  interview_invitation: {
    subject: 'Interview invitation: {{job_title}}',
    text:
      'Hello {{recipient_name}},\n\nYou are invited to an interview for {{job_title}}{{#if company}} at {{company}}{{/if}} on {{scheduled_at}} ({{duration_minutes}} minutes, {{mode}}).\n\nTake it here, no account needed:\n{{interview_url}}\n\nThe calendar invitation is attached.' +
      SIGN_OFF_TEXT,
    html: html(
      '<p>Hello {{recipient_name}},</p><p>You are invited to an interview for <strong>{{job_title}}</strong>{{#if company}} at {{company}}{{/if}} on {{scheduled_at}} ({{duration_minutes}} minutes, {{mode}}).</p><p><a href="{{interview_url}}">Open the interview</a> (no account needed)</p><p>The calendar invitation is attached.</p>',
    ),
  },
  interview_updated: {
    subject: 'Interview rescheduled: {{job_title}}',
    text:
      'Hello {{recipient_name}},\n\nYour interview for {{job_title}} has changed. It is now on {{scheduled_at}} ({{duration_minutes}} minutes, {{mode}}).\n\nYour new link (the earlier one no longer works):\n{{interview_url}}\n\nThe updated calendar invitation is attached.' +
      SIGN_OFF_TEXT,
    html: html(
      '<p>Hello {{recipient_name}},</p><p>Your interview for <strong>{{job_title}}</strong> has changed. It is now on {{scheduled_at}} ({{duration_minutes}} minutes, {{mode}}).</p><p><a href="{{interview_url}}">Open the interview</a> (the earlier link no longer works)</p><p>The updated calendar invitation is attached.</p>',
    ),
  },
  interview_cancelled: {
    subject: 'Interview cancelled: {{job_title}}',
    text:
      'Hello {{recipient_name}},\n\nYour interview for {{job_title}} planned on {{scheduled_at}} has been cancelled. Its link no longer works.' +
      SIGN_OFF_TEXT,
    html: html(
      '<p>Hello {{recipient_name}},</p><p>Your interview for <strong>{{job_title}}</strong> planned on {{scheduled_at}} has been cancelled. Its link no longer works.</p>',
    ),
  },
  interview_reminder: {
    subject: 'Reminder: your interview for {{job_title}} is tomorrow',
    text:
      'Hello {{recipient_name}},\n\nA reminder: your interview for {{job_title}} is on {{scheduled_at}} ({{duration_minutes}} minutes, {{mode}}).\n\nOpen it from your invitation e-mail, or sign in to {{public_url}}.\n\nStop these reminders: {{unsubscribe_url}}' +
      SIGN_OFF_TEXT,
    html: html(
      '<p>Hello {{recipient_name}},</p><p>A reminder: your interview for <strong>{{job_title}}</strong> is on {{scheduled_at}} ({{duration_minutes}} minutes, {{mode}}).</p><p>Open it from your invitation e-mail, or sign in to {{public_url}}.</p><p style="font-size:small"><a href="{{unsubscribe_url}}">Stop these reminders</a></p>',
    ),
  },
  application_rejected: {
    subject: 'Your application for {{job_title}}',
    text:
      'Hello {{recipient_name}},\n\n{{#if candidate_declined}}Thank you for letting us know that you are no longer pursuing {{job_title}}{{#if company}} at {{company}}{{/if}}. We have closed your application and hope our paths cross again.{{else}}Thank you for your interest in {{job_title}}{{#if company}} at {{company}}{{/if}}. After careful consideration we will not be moving forward with your application. We wish you every success.{{/if}}' +
      SIGN_OFF_TEXT,
    html: html(
      '<p>Hello {{recipient_name}},</p>{{#if candidate_declined}}<p>Thank you for letting us know that you are no longer pursuing <strong>{{job_title}}</strong>{{#if company}} at {{company}}{{/if}}. We have closed your application and hope our paths cross again.</p>{{else}}<p>Thank you for your interest in <strong>{{job_title}}</strong>{{#if company}} at {{company}}{{/if}}. After careful consideration we will not be moving forward with your application. We wish you every success.</p>{{/if}}',
    ),
  },
  gdpr_export_ready: {
    subject: 'Your data export is ready',
    text:
      'Hello {{recipient_name}},\n\nThe copy of your data you asked for is ready. Sign in and download it from {{status_url}} before {{expires_at}}.' +
      SIGN_OFF_TEXT,
    html: html(
      '<p>Hello {{recipient_name}},</p><p>The copy of your data you asked for is ready. Sign in and download it from <a href="{{status_url}}">{{status_url}}</a> before {{expires_at}}.</p>',
    ),
  },
  gdpr_erasure_done: {
    subject: 'Your personal data has been erased',
    text:
      'Hello,\n\nAs you asked, we erased your personal data on {{completed_at}} (request {{request_id}}). This is the last message we send to this address; we do not keep it.' +
      SIGN_OFF_TEXT,
    html: html(
      '<p>Hello,</p><p>As you asked, we erased your personal data on {{completed_at}} (request {{request_id}}). This is the last message we send to this address; we do not keep it.</p>',
    ),
  },
  interview_completed: {
    subject: 'Interview completed: {{candidate_name}} for {{job_title}}',
    text:
      'Hello {{recipient_name}},\n\n{{candidate_name}} completed the interview for {{job_title}} on {{completed_at}}. Results will be ready once scoring finishes:\n{{results_url}}' +
      SIGN_OFF_TEXT,
    html: html(
      '<p>Hello {{recipient_name}},</p><p>{{candidate_name}} completed the interview for <strong>{{job_title}}</strong> on {{completed_at}}.</p><p><a href="{{results_url}}">Results</a> will be ready once scoring finishes.</p>',
    ),
  },
};
