// A typed client for the Panelist API: request and answer types come from schema.d.ts, which
// openapi-typescript generates from the OpenAPI document the server publishes (/docs-json).
// Regenerate with `npm run client:generate` after changing a route; CI fails when it is stale.
import createClient from 'openapi-fetch';
import type { ClientOptions } from 'openapi-fetch';
import type { paths } from './schema';

export type { components, operations, paths } from './schema';

export type PanelistClient = ReturnType<typeof createClient<paths>>;

// `baseUrl` is the server's origin (e.g. http://localhost:8000): the paths start with /api.
// A token, when given, is sent as `Authorization: Bearer <token>` (an access token or an API key).
export function createPanelistClient(
  baseUrl: string,
  options: { token?: string } & Omit<ClientOptions, 'baseUrl'> = {},
): PanelistClient {
  const { token, headers, ...rest } = options;
  return createClient<paths>({
    baseUrl,
    headers: {
      ...(headers as Record<string, string>),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...rest,
  });
}
