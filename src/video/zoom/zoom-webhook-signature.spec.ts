import { createHmac } from 'node:crypto';
import { checkZoomSignature, urlValidationAnswer, zoomSignature } from './zoom-webhook-signature';

const secret = 'webhook-secret';
const body = Buffer.from('{"event":"meeting.started","payload":{"object":{"id":1}}}');
const now = 1_800_000_000_000;
const ts = String(now / 1000);

describe('zoom webhook signature', () => {
  it('is v0= + hex HMAC-SHA256 over "v0:{timestamp}:{raw body}"', () => {
    const expected = createHmac('sha256', secret).update(`v0:${ts}:${body.toString()}`);
    expect(zoomSignature(secret, ts, body)).toBe(`v0=${expected.digest('hex')}`);
  });

  it('accepts a fresh, matching signature', () => {
    const signature = zoomSignature(secret, ts, body);
    expect(
      checkZoomSignature({ secret, signature, timestamp: ts, rawBody: body, nowMs: now }),
    ).toBe('valid');
  });

  it('rejects a body with one byte changed, a stale timestamp and missing headers', () => {
    const signature = zoomSignature(secret, ts, body);
    const changed = Buffer.from(body);
    changed[5] ^= 1;
    const check = (over: Partial<Parameters<typeof checkZoomSignature>[0]>) =>
      checkZoomSignature({ secret, signature, timestamp: ts, rawBody: body, nowMs: now, ...over });
    expect(check({ rawBody: changed })).toBe('mismatch');
    expect(check({ nowMs: now + 301_000 })).toBe('stale');
    expect(check({ signature: undefined })).toBe('missing');
    expect(check({ signature: 'v0=short' })).toBe('mismatch');
    expect(check({ timestamp: '12ab' })).toBe('mismatch');
  });

  it('answers the URL challenge with hex HMAC-SHA256(secret, plainToken)', () => {
    expect(urlValidationAnswer(secret, 'abc')).toEqual({
      plainToken: 'abc',
      encryptedToken: createHmac('sha256', secret).update('abc').digest('hex'),
    });
  });
});
