import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import passport, { Strategy } from 'passport';
import { isApiKey } from '../../common/auth/api-scopes';
import { AuthUser } from '../../common/auth/policy.decorators';
import { routePolicyOf } from '../../common/auth/route-policy';
import { ForbiddenProblem, UnauthorizedProblem } from '../../common/errors/domain.exception';
import { ApiKeyStrategy } from '../api-keys/api-key.strategy';
import { AccessTokenStrategy } from '../jwt/access-token.strategy';
import { bearerToken } from '../jwt/bearer-token';
import { InterviewTokenStrategy } from '../jwt/interview-token.strategy';
import { TokenService } from '../token.service';

type AuthedRequest = FastifyRequest & { user?: AuthUser };

// Global and deny-by-default: a route without @Public() or @Roles() is refused (and the route
// policy check at start-up refuses to boot with one). Authentication itself is passport's
// (src/auth/jwt); the strategies re-check the account on every request.
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly accessToken: Strategy[];
  private readonly guestOrAccessToken: Strategy[];
  private readonly apiKey: Strategy[];

  constructor(
    private readonly reflector: Reflector,
    access: AccessTokenStrategy,
    guest: InterviewTokenStrategy,
    apiKey: ApiKeyStrategy,
  ) {
    // This application's strategy instances rather than passport's global registry by name, so
    // two applications in one process (the multi-instance tests) never share a strategy.
    this.accessToken = [access];
    this.guestOrAccessToken = [guest, access];
    this.apiKey = [apiKey];
  }

  // Synchronous for a public route without a credential to read (no promise to settle).
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const policy = routePolicyOf(this.reflector, context);
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    if (policy.isPublic) {
      const token = policy.optionalAuth ? bearerToken(request) : null;
      if (!token) {
        return true;
      }
      return this.signIn(context, request, isApiKey(token) ? this.apiKey : this.accessToken);
    }
    if (!policy.minRole) {
      throw new ForbiddenProblem('ROUTE_HAS_NO_POLICY', 'This route is not open to anyone');
    }
    const token = bearerToken(request);
    if (!token) {
      throw new UnauthorizedProblem('A bearer access token is required', 'TOKEN_MISSING');
    }
    return this.signIn(
      context,
      request,
      isApiKey(token)
        ? this.apiKey
        : policy.interviewGuest
          ? this.guestOrAccessToken
          : this.accessToken,
    );
  }

  private async signIn(
    context: ExecutionContext,
    request: AuthedRequest,
    strategies: Strategy[],
  ): Promise<boolean> {
    request.user = await this.authenticate(context, strategies);
    return true;
  }

  // Runs passport over the strategies (tried in order). A strategy's own refusal (disabled
  // account, ended interview link...) is answered as it is; a token that failed verification in
  // every strategy is TOKEN_EXPIRED or TOKEN_INVALID.
  private authenticate(context: ExecutionContext, strategies: Strategy[]): Promise<AuthUser> {
    const http = context.switchToHttp();
    return new Promise((resolve, reject) => {
      const callback = (err: unknown, user: AuthUser | false, info: unknown) => {
        if (err) {
          reject(err instanceof Error ? err : new UnauthorizedProblem('Authentication failed'));
        } else if (!user) {
          reject(TokenService.verificationProblem([info].flat().at(-1)));
        } else {
          resolve(user);
        }
      };
      // One object per request, as passport makes for a strategy it finds by name: it sets the
      // request's success and fail callbacks on that object, so a shared one would let concurrent
      // requests take each other's callbacks and leave the others hanging.
      const middleware = passport.authenticate(
        strategies.map((strategy) => Object.create(strategy) as Strategy) as unknown as string[],
        { session: false },
        callback,
      ) as (req: FastifyRequest, res: FastifyReply, next: (err?: unknown) => void) => void;
      middleware(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), reject);
    });
  }
}
