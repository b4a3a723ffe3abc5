import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, createSecretKey, KeyObject, randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { AppConfig, AuthSettings } from '../config/app-config';
import { Role } from '../common/auth/role';
import { UnauthorizedProblem } from '../common/errors/domain.exception';

export interface AccessClaims {
  sub: string;
  role: Role;
  tv: number;
  sid: string;
  typ: 'access';
  exp: number;
}

// A guest token from an interview invitation link: one interview, no account (typ 'interview').
export interface InterviewAccessClaims {
  sub: string; // the invitation link's id
  iid: string; // the interview
  cid: string; // its candidate record
  typ: 'interview';
  exp: number;
}

// HS256 only, with issuer and audience pinned: `alg: none`, RS/HS confusion, foreign issuers and
// refresh tokens presented as access tokens all fail verification.
@Injectable()
export class TokenService {
  private readonly settings: AuthSettings;
  // Handed to jsonwebtoken as a KeyObject: given a string it first tries to read it as a public
  // key and throws, on every call (~1% of an authenticated request's CPU).
  private readonly signingKey: KeyObject;
  // The rate limiter (first guard, keys signed-in callers by account) and the JWT guard both need
  // a request's claims: verify its token once.
  private readonly verifiedByRequest = new WeakMap<
    object,
    { token: string; claims: AccessClaims }
  >();

  constructor(config: ConfigService<AppConfig, true>) {
    this.settings = config.get<AuthSettings>('auth');
    this.signingKey = createSecretKey(Buffer.from(this.settings.jwtSecret, 'utf8'));
  }

  get accessTtlSeconds(): number {
    return this.settings.accessTtlSeconds;
  }

  get refreshTtlSeconds(): number {
    return this.settings.refreshTtlSeconds;
  }

  signAccess(claims: Omit<AccessClaims, 'typ' | 'exp'>): string {
    return jwt.sign({ ...claims, typ: 'access' }, this.signingKey, {
      algorithm: 'HS256',
      expiresIn: this.settings.accessTtlSeconds,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      jwtid: randomUUID(),
    });
  }

  verifyAccess(token: string): AccessClaims {
    let payload: unknown;
    try {
      payload = jwt.verify(token, this.signingKey, {
        algorithms: ['HS256'],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
      });
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new UnauthorizedProblem(
        expired ? 'The access token has expired' : 'The access token is invalid',
        expired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID',
      );
    }
    const claims = payload as Partial<AccessClaims>;
    if (
      claims.typ !== 'access' ||
      typeof claims.sub !== 'string' ||
      typeof claims.sid !== 'string' ||
      typeof claims.tv !== 'number' ||
      typeof claims.exp !== 'number' ||
      !Object.values(Role).includes(claims.role as Role)
    ) {
      throw new UnauthorizedProblem('The access token is invalid', 'TOKEN_INVALID');
    }
    return claims as AccessClaims;
  }

  signInterviewAccess(
    claims: Omit<InterviewAccessClaims, 'typ' | 'exp'>,
    ttlSeconds: number,
  ): string {
    return jwt.sign({ ...claims, typ: 'interview' }, this.signingKey, {
      algorithm: 'HS256',
      expiresIn: ttlSeconds,
      issuer: this.settings.issuer,
      audience: `${this.settings.audience}:interview`,
      jwtid: randomUUID(),
    });
  }

  // null when the token is not a valid interview guest token (the caller then treats it as an
  // ordinary access token, which will fail on its own terms).
  verifyInterviewAccess(token: string): InterviewAccessClaims | null {
    try {
      const claims = jwt.verify(token, this.signingKey, {
        algorithms: ['HS256'],
        issuer: this.settings.issuer,
        audience: `${this.settings.audience}:interview`,
      }) as Partial<InterviewAccessClaims>;
      return claims.typ === 'interview' &&
        typeof claims.sub === 'string' &&
        typeof claims.iid === 'string' &&
        typeof claims.cid === 'string' &&
        typeof claims.exp === 'number'
        ? (claims as InterviewAccessClaims)
        : null;
    } catch {
      return null;
    }
  }

  verifyAccessOnce(request: object, token: string): AccessClaims {
    const seen = this.verifiedByRequest.get(request);
    if (seen?.token === token) {
      return seen.claims;
    }
    const claims = this.verifyAccess(token);
    this.verifiedByRequest.set(request, { token, claims });
    return claims;
  }

  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: TokenService.hashRefreshToken(token) };
  }

  static hashRefreshToken(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
