import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { ConfigType } from '@nestjs/config';
import { createHash, createSecretKey, KeyObject, randomBytes, randomUUID } from 'node:crypto';
import type { AuthSettings } from '../config/app-config';
import { authConfig } from '../config/namespaces';
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

// What the passport strategies (src/auth/jwt) verify a token against.
export interface TokenVerification {
  key: KeyObject;
  issuer: string;
  audience: string;
}

// The claims of an access token, or null when the payload is not one (a refresh or guest token, a
// token from before a claim was added).
export function accessClaimsFrom(payload: unknown): AccessClaims | null {
  const claims = payload as Partial<AccessClaims> | null;
  return claims &&
    claims.typ === 'access' &&
    typeof claims.sub === 'string' &&
    typeof claims.sid === 'string' &&
    typeof claims.tv === 'number' &&
    typeof claims.exp === 'number' &&
    Object.values(Role).includes(claims.role as Role)
    ? (claims as AccessClaims)
    : null;
}

export function interviewClaimsFrom(payload: unknown): InterviewAccessClaims | null {
  const claims = payload as Partial<InterviewAccessClaims> | null;
  return claims &&
    claims.typ === 'interview' &&
    typeof claims.sub === 'string' &&
    typeof claims.iid === 'string' &&
    typeof claims.cid === 'string' &&
    typeof claims.exp === 'number'
    ? (claims as InterviewAccessClaims)
    : null;
}

const VERIFIED_MAX = 10_000;

// HS256 only, with issuer and audience pinned: `alg: none`, RS/HS confusion, foreign issuers and
// refresh tokens presented as access tokens all fail verification. Signing goes through
// @nestjs/jwt; request authentication through the passport strategies in src/auth/jwt.
@Injectable()
export class TokenService {
  private readonly settings: AuthSettings;
  // Handed to jsonwebtoken as a KeyObject: given a string it first tries to read it as a public
  // key and throws, on every call (~1% of an authenticated request's CPU).
  private readonly signingKey: KeyObject;
  // The rate limiter (first guard, keys signed-in callers by account) needs a request's claims
  // before the JWT guard runs: verify its token once per request there.
  private readonly verifiedByRequest = new WeakMap<
    object,
    { token: string; claims: AccessClaims }
  >();

  private readonly jwt: JwtService;
  // Access tokens verified lately, kept until they expire: whether a token's signature, issuer and
  // audience hold is a function of the token alone while the process runs (the key is fixed at
  // start), and the rate limiter reads the token of every signed-in request (~8% of a signed-in
  // read's CPU went to jsonwebtoken). Revocation is not the signature's business: the account
  // behind a token is checked on every request (AccessTokenStrategy). At most VERIFIED_MAX
  // entries; the oldest leaves first.
  private readonly verified = new Map<string, AccessClaims>();

  constructor(@Inject(authConfig.KEY) settings: ConfigType<typeof authConfig>) {
    this.settings = settings;
    this.signingKey = createSecretKey(Buffer.from(this.settings.jwtSecret, 'utf8'));
    // Built here rather than through JwtModule so the key stays a KeyObject (the module's options
    // take a string) and the rate limiter's spec can build the service from settings alone.
    this.jwt = new JwtService({
      secretOrKeyProvider: () => this.signingKey,
      signOptions: { algorithm: 'HS256', issuer: this.settings.issuer },
      verifyOptions: { algorithms: ['HS256'], issuer: this.settings.issuer },
    });
  }

  get accessTtlSeconds(): number {
    return this.settings.accessTtlSeconds;
  }

  get refreshTtlSeconds(): number {
    return this.settings.refreshTtlSeconds;
  }

  get accessVerification(): TokenVerification {
    return {
      key: this.signingKey,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
    };
  }

  get interviewVerification(): TokenVerification {
    return { ...this.accessVerification, audience: `${this.settings.audience}:interview` };
  }

  signAccess(claims: Omit<AccessClaims, 'typ' | 'exp'>): string {
    return this.jwt.sign(
      { ...claims, typ: 'access' },
      {
        expiresIn: this.settings.accessTtlSeconds,
        audience: this.settings.audience,
        jwtid: randomUUID(),
      },
    );
  }

  verifyAccess(token: string): AccessClaims {
    const known = this.verified.get(token);
    if (known && known.exp * 1000 > Date.now()) {
      return known;
    }
    const claims = this.verifyAccessToken(token);
    if (this.verified.size >= VERIFIED_MAX) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, claims);
    return claims;
  }

  private verifyAccessToken(token: string): AccessClaims {
    let payload: unknown;
    try {
      payload = this.jwt.verify(token, { audience: this.settings.audience });
    } catch (error) {
      throw TokenService.verificationProblem(error);
    }
    const claims = accessClaimsFrom(payload);
    if (!claims) {
      throw new UnauthorizedProblem('The access token is invalid', 'TOKEN_INVALID');
    }
    return claims;
  }

  // The 401 for a token that failed verification (expired, bad signature, wrong audience...).
  static verificationProblem(error: unknown): UnauthorizedProblem {
    const expired = error instanceof Error && error.name === 'TokenExpiredError';
    return new UnauthorizedProblem(
      expired ? 'The access token has expired' : 'The access token is invalid',
      expired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID',
    );
  }

  signInterviewAccess(
    claims: Omit<InterviewAccessClaims, 'typ' | 'exp'>,
    ttlSeconds: number,
  ): string {
    return this.jwt.sign(
      { ...claims, typ: 'interview' },
      {
        expiresIn: ttlSeconds,
        audience: this.interviewVerification.audience,
        jwtid: randomUUID(),
      },
    );
  }

  // null when the token is not a valid interview guest token.
  verifyInterviewAccess(token: string): InterviewAccessClaims | null {
    try {
      return interviewClaimsFrom(
        this.jwt.verify(token, { audience: this.interviewVerification.audience }),
      );
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
