import { createHmac } from 'node:crypto';

export interface IceServer {
  urls: string[];
  username: string;
  credential: string;
}

// Long enough for an interview plus reconnects; a client asks again for a longer call.
export const TURN_CREDENTIAL_TTL_SECONDS = 3600;

// TURN REST API credentials (draft-uberti-behave-turn-rest-00, coturn `use-auth-secret`):
// username = "<expiry unix seconds>:<user>", credential = base64(HMAC-SHA1(secret, username)).
// The TURN server recomputes the HMAC with the shared secret; nothing is stored per user.
export function turnCredentials(
  secret: string,
  opaqueUserId: string,
  nowMs: number,
  ttlSeconds = TURN_CREDENTIAL_TTL_SECONDS,
): { username: string; credential: string; expiresAt: number } {
  const expiresAt = Math.floor(nowMs / 1000) + ttlSeconds;
  const username = `${expiresAt}:${opaqueUserId}`;
  const credential = createHmac('sha1', secret).update(username, 'utf8').digest('base64');
  return { username, credential, expiresAt };
}
