import { api, byId, focusOn, pageData, setText, showError, t } from './page';
import type { ApiAnswer } from './page';

// The interview room behind an invitation link: exchange the link for a guest token (POST
// /api/interviews/access), welcome and consent, microphone check, one question at a time with a
// typed or recorded answer, then complete. Reloading resumes: the link is exchanged again and
// the API's `answered` flags say where the candidate was. Paste, copy, leaving the tab and
// leaving the window are reported to POST /api/interviews/:id/events, and the page says so.

interface Interview {
  id: string;
  status: string;
  duration_minutes: number;
  started_at: string | null;
}
interface Question {
  id: string;
  question_text: string;
  answered: boolean;
}
type EventType = 'paste' | 'copy' | 'tab_hidden' | 'focus_lost';

const linkToken = String(pageData.token);
const policyVersion = String(pageData.policyVersion);
let guestToken = '';
let interview = {} as Interview;
let questions: Question[] = [];
let current = 0;
let microphoneWorks = false;
let recordingConsent = false;
let reporting = false;
let recorder: MediaRecorder | null = null;

const STEPS = ['step-welcome', 'step-check', 'step-question', 'step-complete'];
function showStep(step: string, focus: string): void {
  for (const id of STEPS) {
    byId(id).hidden = id !== step;
  }
  focusOn(focus);
}

const progressKey = () => `panelist.interview.${interview.id}`;
function remember(values: Record<string, boolean>): void {
  const saved = JSON.parse(sessionStorage.getItem(progressKey()) ?? '{}') as Record<
    string,
    boolean
  >;
  sessionStorage.setItem(progressKey(), JSON.stringify({ ...saved, ...values }));
}
function remembered(): Record<string, boolean> {
  return JSON.parse(sessionStorage.getItem(progressKey()) ?? '{}') as Record<string, boolean>;
}

async function exchangeLink(): Promise<boolean> {
  const answer = await api<{ access_token: string; interview: Interview }>(
    'POST',
    '/api/interviews/access',
    { json: { token: linkToken } },
  );
  if (answer.status !== 200) {
    return false;
  }
  guestToken = answer.body.access_token;
  interview = answer.body.interview;
  return true;
}

// A call with the guest token; an expired token is exchanged again once.
async function call<T>(
  method: string,
  path: string,
  options: { json?: unknown; form?: FormData } = {},
): Promise<ApiAnswer<T>> {
  let answer = await api<T>(method, path, { ...options, token: guestToken });
  if (answer.status === 401 && (await exchangeLink())) {
    answer = await api<T>(method, path, { ...options, token: guestToken });
  }
  return answer;
}

function report(type: EventType): void {
  if (!reporting) {
    return;
  }
  setText('event-log', t('interview.event_noted', { event: t(`interview.event_${type}`) }));
  void call('POST', `/api/interviews/${interview.id}/events`, {
    json: { type, at: new Date().toISOString() },
  });
}
document.addEventListener('paste', () => report('paste'));
document.addEventListener('copy', () => report('copy'));
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') {
    report('tab_hidden');
  }
});
window.addEventListener('blur', () => report('focus_lost'));

function startTimer(): void {
  if (!interview.duration_minutes || !interview.started_at) {
    return;
  }
  const ends = Date.parse(interview.started_at) + interview.duration_minutes * 60_000;
  byId('timer').hidden = false;
  let warned = false;
  const tick = () => {
    const left = Math.max(0, Math.round((ends - Date.now()) / 1000));
    const minutes = Math.floor(left / 60);
    setText('timer-value', `${minutes}:${String(left % 60).padStart(2, '0')}`);
    if (left === 0 && !warned) {
      warned = true;
      setText('answer-status', t('interview.time_up'));
    }
  };
  tick();
  setInterval(tick, 1000);
}

function showQuestion(): void {
  const question = questions[current];
  setText(
    'question-progress',
    t('interview.question_of', { n: current + 1, total: questions.length }),
  );
  setText('question-text', question.question_text);
  const text = byId<HTMLTextAreaElement>('answer-text');
  text.value = '';
  showError('answer-error', null);
  byId('answer-field').classList.remove('field-error');
  text.removeAttribute('aria-invalid');
  byId('record-answer').hidden = !(microphoneWorks && recordingConsent);
  byId('stop-recording').hidden = true;
  showStep('step-question', 'question-progress');
}

async function complete(): Promise<void> {
  reporting = false;
  await call('POST', `/api/interviews/${interview.id}/complete`);
  sessionStorage.removeItem(progressKey());
  byId('timer').hidden = true;
  byId('proctoring-notice').hidden = true;
  showStep('step-complete', 'complete-heading');
}

async function next(): Promise<void> {
  questions[current].answered = true;
  current = questions.findIndex((q) => !q.answered);
  if (current === -1) {
    await complete();
  } else {
    showQuestion();
  }
}

async function send(body: { json?: unknown; form?: FormData }): Promise<void> {
  setText('answer-status', t('interview.sending'));
  const answer = await call<{ code?: string }>(
    'POST',
    `/api/interviews/${interview.id}/answers`,
    body,
  );
  if (answer.status === 201 || answer.body?.code === 'ANSWER_ALREADY_SUBMITTED') {
    setText('answer-status', t('interview.sent'));
    await next();
    return;
  }
  setText('answer-status', '');
  showError('answer-error', t('interview.err_send'));
}

async function begin(): Promise<void> {
  const started = await call<{ interview: Interview; questions: Question[]; code?: string }>(
    'POST',
    `/api/interviews/${interview.id}/start`,
  );
  if (started.status !== 200) {
    setText(
      'interview-status',
      started.body?.code === 'INTERVIEW_NOT_OPEN'
        ? t('interview.err_not_open')
        : t('interview.link_invalid'),
    );
    return;
  }
  interview = started.body.interview;
  questions = started.body.questions;
  remember({ started: true });
  reporting = true;
  byId('proctoring-notice').hidden = false;
  startTimer();
  current = questions.findIndex((q) => !q.answered);
  if (current === -1) {
    await complete();
  } else {
    showQuestion();
  }
}

byId<HTMLFormElement>('consent-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void (async () => {
    const choices = [
      ['ai_evaluation', byId<HTMLInputElement>('consent-ai').checked],
      ['recording', byId<HTMLInputElement>('consent-recording').checked],
    ] as const;
    for (const [purpose, granted] of choices) {
      const answer = await call('POST', `/api/interviews/${interview.id}/consent`, {
        json: { purpose, granted, policy_version: policyVersion },
      });
      if (answer.status !== 201) {
        showError('consent-error', t('common.unexpected'));
        return;
      }
    }
    recordingConsent = choices[1][1];
    remember({ consented: true, recording: recordingConsent });
    showStep('step-check', 'check-heading');
  })();
});

byId('check-mic').addEventListener('click', () => {
  void (async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      microphoneWorks = stream.getAudioTracks().length > 0;
      stream.getTracks().forEach((track) => track.stop());
    } catch {
      microphoneWorks = false;
    }
    setText(
      'check-result',
      microphoneWorks ? t('interview.check_ok') : t('interview.check_failed'),
    );
  })();
});
byId('start-interview').addEventListener('click', () => void begin());

byId<HTMLFormElement>('answer-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = byId<HTMLTextAreaElement>('answer-text').value.trim();
  if (!text) {
    showError('answer-error', t('interview.err_empty'));
    byId('answer-field').classList.add('field-error');
    byId('answer-text').setAttribute('aria-invalid', 'true');
    focusOn('answer-text');
    return;
  }
  void send({ json: { question_id: questions[current].id, answer_text: text } });
});

byId('record-answer').addEventListener('click', () => {
  void (async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const type = MediaRecorder.isTypeSupported('audio/webm') ? 'audio/webm' : '';
    recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const chunks: Blob[] = [];
    recorder.addEventListener('dataavailable', (e) => chunks.push(e.data));
    recorder.addEventListener('stop', () => {
      stream.getTracks().forEach((track) => track.stop());
      const form = new FormData();
      form.append('question_id', questions[current].id);
      form.append(
        'audio',
        new Blob(chunks, { type: recorder?.mimeType || 'audio/webm' }),
        'answer.webm',
      );
      void send({ form });
    });
    recorder.start();
    byId('record-answer').hidden = true;
    byId('stop-recording').hidden = false;
    setText('answer-status', t('interview.recording'));
    focusOn('stop-recording');
  })();
});
byId('stop-recording').addEventListener('click', () => {
  byId('stop-recording').hidden = true;
  recorder?.stop();
});

void (async () => {
  if (!(await exchangeLink())) {
    setText('interview-status', t('interview.link_invalid'));
    return;
  }
  setText('interview-status', '');
  const saved = remembered();
  recordingConsent = !!saved.recording;
  if (saved.started || interview.status === 'In Progress') {
    microphoneWorks =
      recordingConsent &&
      (await navigator.mediaDevices?.enumerateDevices().catch(() => []))?.some(
        (d) => d.kind === 'audioinput',
      ) === true;
    await begin();
    return;
  }
  const listed = await call<{ items: unknown[] }>(
    'GET',
    `/api/interviews/${interview.id}/questions`,
    {},
  );
  const count = listed.status === 200 ? listed.body.items.length : 0;
  setText('welcome-count', t('interview.welcome_body', { count }));
  if (interview.duration_minutes) {
    byId('welcome-timer').hidden = false;
    setText('welcome-timer', t('interview.timer_note', { minutes: interview.duration_minutes }));
  }
  byId('proctoring-notice').hidden = false;
  showStep('step-welcome', 'welcome-heading');
})();
