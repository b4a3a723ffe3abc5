import { api, byId, focusOn, pageData, setText, showError, t, wait } from './page';
import type { ApiAnswer } from './page';
import { loadSession, saveSession } from './session';
import type { CandidateSession } from './session';

// /me for a signed-in candidate: applications and their status, upcoming interviews, consent
// choices, a copy of their data and erasure, each through the public API with their own token.

interface Application {
  id: string;
  job_id: string;
  status: string;
  applied_at: string;
}
interface Interview {
  id: string;
  status: string;
  scheduled_at: string;
}
interface ConsentState {
  purpose: string;
  granted: boolean;
}
interface Page<T> {
  items: T[];
}

const policyVersion = String(pageData.policyVersion);
const purposes = pageData.purposes as string[];
let session: CandidateSession | null = loadSession();
let consent: Record<string, boolean> = {};
const POLL_MS = 1000;

// A call with the candidate's token, refreshed once when it has expired.
async function call<T>(method: string, path: string, json?: unknown): Promise<ApiAnswer<T>> {
  let answer = await api<T>(method, path, { token: session?.access_token, json });
  if (answer.status === 401 && session) {
    const refreshed = await api<CandidateSession>('POST', '/api/auth/refresh', {
      json: { refresh_token: session.refresh_token },
    });
    session = refreshed.status === 200 ? refreshed.body : null;
    saveSession(session);
    if (session) {
      answer = await api<T>(method, path, { token: session.access_token, json });
    }
  }
  return answer;
}

function showSignIn(notice = ''): void {
  session = null;
  saveSession(null);
  byId('account').hidden = true;
  byId('signin').hidden = false;
  setText('me-status', notice);
}

function cell(text: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}
const label = (prefix: string, value: string) => {
  const text = t(`${prefix}.${value}`);
  return text === `${prefix}.${value}` ? value : text;
};
const day = (iso: string) => new Date(iso).toLocaleDateString(document.documentElement.lang);

async function showApplications(): Promise<void> {
  const answer = await call<Page<Application>>('GET', '/api/applications/me?limit=100');
  const items = answer.status === 200 ? answer.body.items : [];
  const titles = await Promise.all(
    items.map(async (a) => {
      const job = await api<{ title: string }>('GET', `/api/jobs/${a.job_id}`);
      return job.status === 200 ? job.body.title : '—';
    }),
  );
  byId('applications-body').replaceChildren(
    ...items.map((a, i) => {
      const row = document.createElement('tr');
      row.append(cell(titles[i]), cell(label('status', a.status)), cell(day(a.applied_at)));
      return row;
    }),
  );
  byId('applications-table').hidden = items.length === 0;
  byId('applications-none').hidden = items.length > 0;
}

async function showInterviews(): Promise<void> {
  const answer = await call<Page<Interview>>('GET', '/api/interviews?limit=100');
  const upcoming = (answer.status === 200 ? answer.body.items : []).filter(
    (i) => i.status === 'Scheduled' || i.status === 'In Progress',
  );
  byId('interviews-list').replaceChildren(
    ...upcoming.map((i) => {
      const item = document.createElement('li');
      item.textContent = t('me.interview_at', {
        date: new Date(i.scheduled_at).toLocaleString(document.documentElement.lang),
        status: label('status', i.status),
      });
      return item;
    }),
  );
  byId('interviews-none').hidden = upcoming.length > 0;
}

async function showConsent(): Promise<void> {
  const answer = await call<{ current: ConsentState[] }>('GET', '/api/gdpr/consent');
  consent = {};
  for (const state of answer.status === 200 ? answer.body.current : []) {
    consent[state.purpose] = state.granted;
  }
  for (const purpose of purposes) {
    byId<HTMLInputElement>(`consent-${purpose}`).checked = !!consent[purpose];
  }
}

async function showAccount(): Promise<void> {
  const me = await call<{ full_name: string | null; username: string; role: string }>(
    'GET',
    '/api/auth/me',
  );
  if (me.status !== 200 || me.body.role !== 'candidate') {
    showSignIn(session ? t('me.session_ended') : '');
    return;
  }
  setText('greeting', t('me.greeting', { name: me.body.full_name || me.body.username }));
  byId('signin').hidden = true;
  byId('account').hidden = false;
  setText('me-status', '');
  await Promise.all([showApplications(), showInterviews(), showConsent()]);
}

byId<HTMLFormElement>('signin-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void (async () => {
    const answer = await api<CandidateSession>('POST', '/api/auth/login', {
      json: {
        username: byId<HTMLInputElement>('username').value.trim(),
        password: byId<HTMLInputElement>('password').value,
      },
    });
    if (answer.status !== 200) {
      showError(
        'signin-error',
        answer.status === 429 ? t('common.rate_limited') : t('me.signin_failed'),
      );
      focusOn('username');
      return;
    }
    showError('signin-error', null);
    session = { access_token: answer.body.access_token, refresh_token: answer.body.refresh_token };
    saveSession(session);
    await showAccount();
    focusOn('greeting');
  })();
});

byId('signout').addEventListener('click', () => {
  void (async () => {
    if (session) {
      await api('POST', '/api/auth/logout', {
        token: session.access_token,
        json: { refresh_token: session.refresh_token },
      });
    }
    showSignIn();
    focusOn('signin-heading');
  })();
});

byId<HTMLFormElement>('consent-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void (async () => {
    for (const purpose of purposes) {
      const granted = byId<HTMLInputElement>(`consent-${purpose}`).checked;
      if (granted !== !!consent[purpose]) {
        const answer = await call('POST', '/api/gdpr/consent', {
          purpose,
          granted,
          policy_version: policyVersion,
        });
        if (answer.status !== 201) {
          setText('consent-status', t('common.unexpected'));
          return;
        }
        consent[purpose] = granted;
      }
    }
    setText('consent-status', t('me.consent_saved'));
  })();
});

byId('export-data').addEventListener('click', () => {
  void (async () => {
    setText('export-status', t('me.export_preparing'));
    const started = await call<{ export_id: string }>('POST', '/api/gdpr/export', {
      format: 'json',
    });
    if (started.status !== 202) {
      setText('export-status', t('common.unexpected'));
      return;
    }
    for (;;) {
      await wait(POLL_MS);
      const state = await call<{ status: string }>(
        'GET',
        `/api/gdpr/exports/${started.body.export_id}`,
      );
      if (
        state.status !== 200 ||
        state.body.status === 'failed' ||
        state.body.status === 'expired'
      ) {
        setText('export-status', t('common.unexpected'));
        return;
      }
      if (state.body.status === 'ready') {
        break;
      }
    }
    // The download needs the bearer token, so the file is fetched here and handed over as a blob.
    const file = await fetch(`/api/gdpr/exports/${started.body.export_id}/download`, {
      headers: { authorization: `Bearer ${session?.access_token ?? ''}` },
    });
    const link = byId<HTMLAnchorElement>('export-link');
    link.href = URL.createObjectURL(await file.blob());
    link.download = 'my-data.json';
    link.hidden = false;
    setText('export-status', t('me.export_ready'));
    focusOn('export-link');
  })();
});

byId<HTMLFormElement>('erase-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void (async () => {
    if (!byId<HTMLInputElement>('erase-confirm').checked) {
      showError('erase-error', t('me.erase_err_confirm'));
      byId('erase-confirm').setAttribute('aria-invalid', 'true');
      focusOn('erase-confirm');
      return;
    }
    showError('erase-error', null);
    const requested = await call<{ request_id: string }>('POST', '/api/gdpr/delete', {});
    if (requested.status !== 202) {
      showError('erase-error', t('common.unexpected'));
      return;
    }
    const token = session?.access_token;
    byId('account').hidden = true;
    setText('erase-status', t('me.erase_requested', { id: requested.body.request_id }));
    focusOn('erase-status');
    // Erasure ends the account's sessions: a 401 on the way means the account is already gone.
    for (;;) {
      await wait(POLL_MS);
      const state = await api<{ status: string }>(
        'GET',
        `/api/gdpr/requests/${requested.body.request_id}`,
        { token },
      );
      if (state.status === 401 || state.body?.status === 'completed') {
        break;
      }
      if (state.body?.status === 'failed' || state.body?.status === 'blocked') {
        setText('erase-status', t('common.unexpected'));
        return;
      }
    }
    saveSession(null);
    session = null;
    setText('erase-status', t('me.erase_done', { id: requested.body.request_id }));
  })();
});

void (async () => {
  if (session) {
    await showAccount();
  } else {
    showSignIn();
  }
})();
