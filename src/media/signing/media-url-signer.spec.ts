import { deriveMediaSigningKey, MediaUrlSigner } from './media-url-signer';
import type { MediaUrlGrant } from './media-url-signer';

describe(MediaUrlSigner.name, () => {
  const signer = new MediaUrlSigner(
    deriveMediaSigningKey('a-test-secret-of-at-least-32-characters'),
  );
  const grant: MediaUrlGrant = {
    method: 'PUT',
    fileKey: 'media-3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b',
    contentType: 'audio/webm',
    maxBytes: 1024,
    expires: 2_000_000_000,
    ownerId: '6f0c1a52-7d3e-4b8a-9c1d-2e3f4a5b6c7d',
  };
  const now = 1_900_000_000;

  it('accepts its own signature until the expiry, then reports it expired', () => {
    const signature = signer.sign(grant);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signer.verify(grant, signature, now)).toBe('valid');
    expect(signer.verify(grant, signature, grant.expires)).toBe('expired');
  });

  it.each<[string, Partial<MediaUrlGrant>]>([
    ['method', { method: 'GET' }],
    ['key', { fileKey: 'media-00000000-0000-4000-8000-000000000000' }],
    ['content type', { contentType: 'audio/wav' }],
    ['size cap', { maxBytes: 1025 }],
    ['expiry', { expires: grant.expires + 3600 }],
    ['owner', { ownerId: '00000000-0000-4000-8000-000000000000' }],
  ])('binds the %s', (_field, change) => {
    expect(signer.verify({ ...grant, ...change }, signer.sign(grant), now)).toBe('invalid');
  });

  it('rejects every other spelling of the signature, and another key', () => {
    const signature = signer.sign(grant);
    const last = signature.at(-1)!;
    // base64url decoding ignores the spare bits of the last character; the text comparison does not.
    const sibling = signature.slice(0, -1) + String.fromCharCode(last.charCodeAt(0) ^ 1);
    expect(signer.verify(grant, sibling, now)).toBe('invalid');
    expect(signer.verify(grant, `${signature}=`, now)).toBe('invalid');
    const other = new MediaUrlSigner(
      deriveMediaSigningKey('another-secret-of-at-least-32-characters'),
    );
    expect(other.verify(grant, signature, now)).toBe('invalid');
  });
});
