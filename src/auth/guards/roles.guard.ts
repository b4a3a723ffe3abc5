import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { requiredScope, scopeGranted } from '../../common/auth/api-scopes';
import { AuthUser } from '../../common/auth/policy.decorators';
import { hasAtLeast } from '../../common/auth/role';
import { routePolicyOf } from '../../common/auth/route-policy';
import { ForbiddenProblem } from '../../common/errors/domain.exception';

// The role policy, and for an API key also the scope the route declares (@ApiScope beside @Roles).
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const { minRole, apiScope: resource } = routePolicyOf(this.reflector, context);
    if (!minRole) {
      return true;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const user = request.user;
    if (!user || !hasAtLeast(user.role, minRole)) {
      throw new ForbiddenProblem(
        'INSUFFICIENT_ROLE',
        `This action requires the ${minRole} role or higher`,
      );
    }
    if (user.apiKey) {
      if (!resource) {
        throw new ForbiddenProblem('API_KEY_NOT_ALLOWED', 'This route is not open to API keys');
      }
      const needed = requiredScope(resource, request.method);
      if (!scopeGranted(user.apiKey.scopes, needed)) {
        throw new ForbiddenProblem('INSUFFICIENT_SCOPE', `This API key lacks the ${needed} scope`);
      }
    }
    return true;
  }
}
