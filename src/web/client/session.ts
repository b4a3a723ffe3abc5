// The signed-in candidate's tokens, kept for this browser tab only (sessionStorage), shared by
// /me and the application form (an application sent while signed in joins the account).
const KEY = 'panelist.candidate-session';

export interface CandidateSession {
  access_token: string;
  refresh_token: string;
}

export function loadSession(): CandidateSession | null {
  const raw = sessionStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as CandidateSession) : null;
}

export function saveSession(session: CandidateSession | null): void {
  if (session) {
    sessionStorage.setItem(KEY, JSON.stringify(session));
  } else {
    sessionStorage.removeItem(KEY);
  }
}
