import { timingSafeEqual } from 'node:crypto';
import { CryptoService } from '../crypto/crypto.service';

// `<recipient hash>.<keyed signature>`: names the address only by its keyed digest, and cannot be
// made for another address without the blind-index key. Works without signing in.
export function unsubscribeToken(crypto: CryptoService, recipientHash: string): string {
  return `${recipientHash}.${crypto.blindIndex('mail-unsubscribe', recipientHash).slice(0, 32)}`;
}

export function recipientHashOf(crypto: CryptoService, token: string): string | null {
  const [hash, signature] = token.split('.');
  if (!hash || !signature || !/^[A-Za-z0-9_-]{20,64}$/.test(hash)) {
    return null;
  }
  const expected = Buffer.from(unsubscribeToken(crypto, hash));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given) ? hash : null;
}
