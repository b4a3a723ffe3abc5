import { createHmac, timingSafeEqual } from 'node:crypto';

// Zoom's webhook scheme (developers.zoom.us/docs/api/webhooks/#verify-webhook-events):
// x-zm-signature = "v0=" + hex HMAC-SHA256(secret token, "v0:{x-zm-request-timestamp}:{raw body}").
export const ZOOM_SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck = 'valid' | 'missing' | 'stale' | 'mismatch';

export function zoomSignature(secret: string, timestamp: string, rawBody: Buffer): string {
  const mac = createHmac('sha256', secret).update(`v0:${timestamp}:`, 'utf8').update(rawBody);
  return `v0=${mac.digest('hex')}`;
}

export function checkZoomSignature(input: {
  secret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: Buffer;
  nowMs?: number;
}): SignatureCheck {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) {
    return 'missing';
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    return 'mismatch';
  }
  const ageSeconds = Math.abs((input.nowMs ?? Date.now()) / 1000 - Number(timestamp));
  if (ageSeconds > ZOOM_SIGNATURE_TOLERANCE_SECONDS) {
    return 'stale';
  }
  const expected = Buffer.from(zoomSignature(input.secret, timestamp, input.rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // Constant-time compare; lengths differ only for a malformed header.
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? 'valid'
    : 'mismatch';
}

// The endpoint.url_validation challenge: echo plainToken with its HMAC under the same secret.
export function urlValidationAnswer(
  secret: string,
  plainToken: string,
): { plainToken: string; encryptedToken: string } {
  return {
    plainToken,
    encryptedToken: createHmac('sha256', secret).update(plainToken, 'utf8').digest('hex'),
  };
}
