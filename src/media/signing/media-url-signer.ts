import { createHmac, timingSafeEqual } from 'node:crypto';

// What a signed media URL authorises. Only the key, the expiry and the signature travel in the
// URL; the other fields are read from the media_files row, so the signature binds the URL to
// that upload's declared type, size cap and owner without exposing them.
export interface MediaUrlGrant {
  method: 'PUT' | 'GET';
  fileKey: string;
  contentType: string;
  maxBytes: number;
  // Unix seconds.
  expires: number;
  ownerId: string;
}

export type SignatureCheck = 'valid' | 'invalid' | 'expired';

const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

// A dedicated key for URL signatures: MEDIA_URL_SIGNING_SECRET when set, else an HMAC of the
// JWT secret under a fixed label, so a URL signature can never double as a token signature.
export function deriveMediaSigningKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('panelist/media-url-signing/v1').digest();
}

function canonical(grant: MediaUrlGrant): string {
  return [
    'v1',
    grant.method,
    grant.fileKey,
    grant.contentType,
    String(grant.maxBytes),
    String(grant.expires),
    grant.ownerId,
  ].join('\n');
}

export class MediaUrlSigner {
  constructor(private readonly key: Buffer) {}

  sign(grant: MediaUrlGrant): string {
    return createHmac('sha256', this.key).update(canonical(grant)).digest('base64url');
  }

  // The signature is checked before the expiry, so an unsigned URL learns nothing from the answer.
  verify(grant: MediaUrlGrant, signature: string, nowSeconds = Date.now() / 1000): SignatureCheck {
    if (!SIGNATURE.test(signature) || !Number.isSafeInteger(grant.expires)) {
      return 'invalid';
    }
    // Compared as text: base64url decoding ignores the last character's spare bits, so
    // comparing decoded bytes would accept several spellings of one signature.
    const expected = Buffer.from(this.sign(grant), 'latin1');
    if (!timingSafeEqual(expected, Buffer.from(signature, 'latin1'))) {
      return 'invalid';
    }
    return grant.expires > nowSeconds ? 'valid' : 'expired';
  }
}
