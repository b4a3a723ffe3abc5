import { APPLY_FIELDS, applyErrorsFrom } from '../shared/apply-errors';
import type { ApiProblem, ApplyField, FieldErrors } from '../shared/apply-errors';
import { api, byId, focusOn, pageData, setText, t } from './page';
import { loadSession } from './session';

// The application form, improved: the same checks as the API before anything is sent (size,
// type, consent), errors shown in place without a reload, and the post sent straight to the
// public API. Without this script the form posts to the server, which answers the same errors.
const form = byId<HTMLFormElement>('apply-form');
const maxBytes = Number(pageData.maxBytes);
const maxMb = Number(pageData.maxMb);
const ACCEPTED = /\.(pdf|docx|txt)$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

form.noValidate = true;

function fieldInput(field: ApplyField): HTMLInputElement | HTMLTextAreaElement | null {
  return field === 'form' ? null : (document.getElementById(field) as HTMLInputElement | null);
}

function showErrors(errors: FieldErrors): void {
  for (const field of APPLY_FIELDS) {
    const input = fieldInput(field);
    const message = errors[field] ? t(errors[field], { max_mb: maxMb }) : '';
    const slot = document.getElementById(`${field}-error`);
    if (slot) {
      slot.textContent = message;
      slot.hidden = !message;
    }
    document.getElementById(`${field}-field`)?.classList.toggle('field-error', !!message);
    if (input) {
      if (message) {
        input.setAttribute('aria-invalid', 'true');
      } else {
        input.removeAttribute('aria-invalid');
      }
    }
  }
  const summary = byId('error-summary');
  const list = summary.querySelector('ul')!;
  list.replaceChildren(
    ...APPLY_FIELDS.filter((field) => errors[field]).map((field) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#${field === 'form' ? 'applicant_name' : field}`;
      link.textContent = t(errors[field]!, { max_mb: maxMb });
      item.append(link);
      return item;
    }),
  );
  summary.hidden = list.children.length === 0;
  document.title = document.title.replace(new RegExp(`^${t('common.error_prefix')} `), '');
  if (!summary.hidden) {
    document.title = `${t('common.error_prefix')} ${document.title}`;
    focusOn('error-summary');
  }
}

// A text field's value ('' for a file or a missing field).
function text(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

function checkBeforeSending(data: FormData): FieldErrors {
  const errors: FieldErrors = {};
  if (!text(data, 'applicant_name')) {
    errors.applicant_name = 'job.err_name';
  }
  if (!EMAIL.test(text(data, 'applicant_email'))) {
    errors.applicant_email = 'job.err_email';
  }
  const resume = data.get('resume');
  if (resume instanceof File && resume.size > 0) {
    if (resume.size > maxBytes) {
      errors.resume = 'job.err_too_large';
    } else if (!ACCEPTED.test(resume.name)) {
      errors.resume = 'job.err_wrong_type';
    }
  }
  if (!data.get('consent_data_processing')) {
    errors.consent_data_processing = 'job.err_consent';
  }
  return errors;
}

function confirm(name: string, applicationId: string): void {
  const card = document.createElement('div');
  card.className = 'card confirmation';
  card.id = 'application-sent';
  const heading = document.createElement('h1');
  heading.textContent = t('applied.title');
  heading.id = 'applied-heading';
  const parts = [
    t('applied.body', { name, job: String(pageData.jobTitle) }),
    t('applied.reference', { id: applicationId }),
    t('applied.next'),
  ].map((text) => {
    const p = document.createElement('p');
    p.textContent = text;
    return p;
  });
  card.append(heading, ...parts);
  byId('main').replaceChildren(card);
  document.title = `${t('applied.title')} – ${document.title.split(' – ').pop()}`;
  focusOn('applied-heading');
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void (async () => {
    const data = new FormData(form);
    const resume = data.get('resume');
    if (resume instanceof File && resume.size === 0) {
      data.delete('resume');
    }
    for (const name of ['applicant_phone', 'cover_letter']) {
      if (!text(data, name)) {
        data.delete(name);
      }
    }
    const errors = checkBeforeSending(data);
    if (Object.keys(errors).length > 0) {
      showErrors(errors);
      return;
    }
    data.append('source', 'careers_page');
    setText('apply-status', t('job.sending'));
    const button = form.querySelector('button[type=submit]') as HTMLButtonElement;
    button.disabled = true;
    try {
      const path = `/api/jobs/${String(pageData.jobId)}/applications`;
      const token = loadSession()?.access_token;
      let answer = await api<ApiProblem & { id: string }>('POST', path, { form: data, token });
      // A sign-in from /me that has expired: apply as a visitor rather than fail.
      if (answer.status === 401 && token) {
        answer = await api<ApiProblem & { id: string }>('POST', path, { form: data });
      }
      setText('apply-status', '');
      if (answer.status === 201) {
        confirm(text(data, 'applicant_name'), answer.body.id);
        return;
      }
      showErrors(applyErrorsFrom(answer.status, answer.body ?? {}));
    } catch {
      showErrors({ form: 'common.unexpected' });
    } finally {
      button.disabled = false;
    }
  })();
});
