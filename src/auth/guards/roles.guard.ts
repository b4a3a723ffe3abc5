import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthUser, MIN_ROLE } from '../../common/auth/policy.decorators';
import { hasAtLeast, Role } from '../../common/auth/role';
import { ForbiddenProblem } from '../../common/errors/domain.exception';

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const minRole = this.reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!minRole) {
      return true;
    }
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user || !hasAtLeast(user.role, minRole)) {
      throw new ForbiddenProblem(
        'INSUFFICIENT_ROLE',
        `This action requires the ${minRole} role or higher`,
      );
    }
    return true;
  }
}
