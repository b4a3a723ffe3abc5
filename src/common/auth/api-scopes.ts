import { SetMetadata } from '@nestjs/common';

// What an API key may be granted (API.md "Integrations"): `<resource>:read|write`, and `admin`,
// which lets the key act with admin rights instead of recruiter rights.
export const API_KEY_RESOURCES = [
  'jobs',
  'candidates',
  'applications',
  'interviews',
  'questions',
  'scorecards',
  'webhooks',
  'gdpr',
] as const;
export type ApiKeyResource = (typeof API_KEY_RESOURCES)[number];

export const ADMIN_SCOPE = 'admin';
export const API_KEY_SCOPES: string[] = [
  ...API_KEY_RESOURCES.flatMap((r) => [`${r}:read`, `${r}:write`]),
  ADMIN_SCOPE,
];

export const API_SCOPE_RESOURCE = 'panelist:api-scope-resource';

// The resource an API key needs a scope for on these routes, declared beside @Roles (on the
// controller or on one handler): `<resource>:read` for GET and HEAD, `<resource>:write` for any
// other method. A route without one is closed to API keys (deny by default).
export const ApiScope = (resource: ApiKeyResource) => SetMetadata(API_SCOPE_RESOURCE, resource);

export function requiredScope(resource: ApiKeyResource, method: string): string {
  return `${resource}:${method === 'GET' || method === 'HEAD' ? 'read' : 'write'}`;
}

// write includes read: a key that may change jobs may also read them.
export function scopeGranted(scopes: readonly string[], needed: string): boolean {
  if (scopes.includes(needed)) {
    return true;
  }
  return needed.endsWith(':read') && scopes.includes(needed.replace(/:read$/, ':write'));
}

// A bearer token that is an API key rather than an access token.
export function isApiKey(token: string): boolean {
  return token.startsWith('pnl_');
}

// Who an API key belongs to (provided by the auth module): the rate limiter counts each key apart
// without importing a feature module.
export const API_KEY_CALLERS = Symbol('API_KEY_CALLERS');
export interface ApiKeyCallers {
  authenticate(token: string): Promise<{ id: string }>;
}
