import { randomBytes } from 'node:crypto';
import { HttpClient } from './http-client';

export interface SignedIn {
  id: string;
  username: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export async function signupCandidate(
  http: HttpClient,
  overrides: Record<string, string> = {},
): Promise<SignedIn> {
  const username = overrides.username ?? unique('cand_');
  const body = {
    username,
    email: overrides.email ?? `${username}@example.com`,
    password: overrides.password ?? 'violet-harbour-kettle-93',
    full_name: overrides.full_name ?? 'Casey Candidate',
  };
  const res = await http.post('/api/auth/signup', body);
  if (res.status !== 201) {
    throw new Error(`signup failed: ${res.status} ${res.text}`);
  }
  return {
    id: res.body.user.id,
    username,
    email: body.email,
    password: body.password,
    accessToken: res.body.access_token,
    refreshToken: res.body.refresh_token,
  };
}

export async function login(
  http: HttpClient,
  username: string,
  password: string,
): Promise<SignedIn> {
  const res = await http.post('/api/auth/login', { username, password });
  if (res.status !== 200) {
    throw new Error(`login failed: ${res.status} ${res.text}`);
  }
  return {
    id: res.body.user.id,
    username,
    email: res.body.user.email,
    password,
    accessToken: res.body.access_token,
    refreshToken: res.body.refresh_token,
  };
}

export function loginAdmin(http: HttpClient): Promise<SignedIn> {
  return login(http, 'admin@panelist.test', 'admin-password-for-tests');
}

// Staff accounts are created by the admin, as in production.
export async function createStaff(
  http: HttpClient,
  admin: SignedIn,
  role: 'recruiter' | 'domain_expert' | 'admin',
): Promise<SignedIn> {
  const username = unique(`${role.slice(0, 4)}_`);
  const password = 'amber-falcon-orchard-57';
  const res = await http.post(
    '/api/admin/users',
    { username, email: `${username}@example.com`, password, role, full_name: `Staff ${role}` },
    { token: admin.accessToken },
  );
  if (res.status !== 201) {
    throw new Error(`create staff failed: ${res.status} ${res.text}`);
  }
  return login(http, username, password);
}
