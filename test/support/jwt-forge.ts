import { JwtService } from '@nestjs/jwt';
import type { KeyObject } from 'node:crypto';

const service = new JwtService();

// Tokens the tests forge on purpose (expired, wrong key, audience, issuer or algorithm), signed
// through the same library the server uses.
export const jwt = {
  sign(
    payload: object,
    key: string | KeyObject,
    options: { algorithm: 'HS256' | 'HS384' | 'RS256'; issuer?: string; audience?: string },
  ): string {
    return service.sign(payload, { ...options, privateKey: key });
  },
  decode(token: string): unknown {
    return service.decode(token);
  },
};
