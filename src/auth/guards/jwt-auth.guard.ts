import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import {
  AuthUser,
  INTERVIEW_GUEST,
  MIN_ROLE,
  OPTIONAL_AUTH,
  PUBLIC_ROUTE,
} from '../../common/auth/policy.decorators';
import { Role } from '../../common/auth/role';
import { ForbiddenProblem, UnauthorizedProblem } from '../../common/errors/domain.exception';
import { accessRefusal, readAccountState } from '../session-state';
import { TokenService } from '../token.service';
import { InterviewGuestAccess } from './interview-guest-access';

type AuthedRequest = FastifyRequest & { user?: AuthUser };

// Global and deny-by-default: a route without @Public() or @Roles() is refused (and the route
// policy check at start-up refuses to boot with one). Each request re-reads the account so that
// deactivation, role and password changes and logouts take effect at once on every instance.
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly dataSource: DataSource,
    private readonly guests: InterviewGuestAccess,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets);
    const minRole = this.reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets);
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    if (isPublic) {
      const optional = this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH, targets);
      if (optional && this.bearer(request)) {
        request.user = await this.authenticate(request, this.bearer(request)!);
      }
      return true;
    }
    if (!minRole) {
      throw new ForbiddenProblem('ROUTE_HAS_NO_POLICY', 'This route is not open to anyone');
    }
    const token = this.bearer(request);
    if (!token) {
      throw new UnauthorizedProblem('A bearer access token is required', 'TOKEN_MISSING');
    }
    const guest = this.reflector.getAllAndOverride<boolean>(INTERVIEW_GUEST, targets)
      ? this.tokens.verifyInterviewAccess(token)
      : null;
    request.user = guest
      ? await this.guests.authenticate(guest)
      : await this.authenticate(request, token);
    return true;
  }

  private bearer(request: FastifyRequest): string | null {
    const header = request.headers.authorization;
    if (!header) {
      return null;
    }
    const match = /^Bearer\s+([A-Za-z0-9\-_.=]+)$/i.exec(header.trim());
    if (!match) {
      throw new UnauthorizedProblem(
        'The Authorization header must be "Bearer <token>"',
        'TOKEN_MALFORMED',
      );
    }
    return match[1];
  }

  private async authenticate(request: FastifyRequest, token: string): Promise<AuthUser> {
    const claims = this.tokens.verifyAccessOnce(request, token);
    const account = await readAccountState(this.dataSource, claims.sub, claims.sid);
    const refusal = accessRefusal(account, claims);
    if (refusal) {
      throw refusal;
    }
    return {
      id: claims.sub,
      role: account!.role,
      sessionId: claims.sid,
      tokenVersion: claims.tv,
      expiresAt: claims.exp,
    };
  }
}
