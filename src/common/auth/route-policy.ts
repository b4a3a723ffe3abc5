import { ExecutionContext, INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { GLOBAL_PREFIX, isUnprefixed } from '../http/global-prefix';
import { API_SCOPE_RESOURCE, ApiKeyResource } from './api-scopes';
import { INTERVIEW_GUEST, MIN_ROLE, OPTIONAL_AUTH, PUBLIC_ROUTE } from './policy.decorators';
import { Role } from './role';

export interface RouteDescriptor {
  method: string;
  path: string;
  controller: string;
  handler: string;
  policy: { public: true } | { minRole: Role } | null;
  // The resource whose scope an API key needs here (null: closed to API keys).
  apiScope: ApiKeyResource | null;
}

function joinPath(...parts: (string | undefined)[]): string {
  const joined = parts
    .flatMap((p) => (p ?? '').split('/'))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

// Lists every controller route with its declared policy; used at start-up (refuse to boot when a
// route has none) and by the access-matrix test.
export function listRoutes(app: INestApplication, globalPrefix = GLOBAL_PREFIX): RouteDescriptor[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteDescriptor[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || !wrapper.metatype) {
      continue;
    }
    const prototype = Object.getPrototypeOf(instance) as object;
    const controllerPaths = [
      Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string | string[],
    ].flat();
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as object;
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as
        string | string[] | undefined;
      if (methodPath === undefined) {
        continue;
      }
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      const targets = [handler as () => void, wrapper.metatype as () => void];
      const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets);
      const minRole = reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets);
      const apiScope =
        reflector.getAllAndOverride<ApiKeyResource | undefined>(API_SCOPE_RESOURCE, targets) ??
        null;
      for (const base of controllerPaths) {
        for (const sub of [methodPath].flat()) {
          routes.push({
            method: RequestMethod[requestMethod],
            path: isUnprefixed(joinPath(base, sub))
              ? joinPath(base, sub)
              : joinPath(globalPrefix, base, sub),
            controller: wrapper.metatype.name,
            handler: name,
            policy: isPublic ? { public: true } : minRole ? { minRole } : null,
            apiScope,
          });
        }
      }
    }
  }
  return routes;
}

export function assertEveryRouteHasPolicy(app: INestApplication): void {
  const missing = listRoutes(app).filter((r) => r.policy === null);
  if (missing.length > 0) {
    throw new Error(
      `Routes without an access policy (@Public or @Roles): ${missing.map((r) => `${r.method} ${r.path}`).join(', ')}`,
    );
  }
}

// What the guards read on every request, taken from the route's metadata once per handler (the
// metadata is fixed when the class is defined): five reflector lookups per request before.
export interface RoutePolicy {
  isPublic: boolean;
  optionalAuth: boolean;
  interviewGuest: boolean;
  minRole: Role | undefined;
  apiScope: ApiKeyResource | undefined;
}

const policies = new WeakMap<object, Map<object, RoutePolicy>>();

export function routePolicyOf(reflector: Reflector, context: ExecutionContext): RoutePolicy {
  const handler = context.getHandler();
  const controller = context.getClass();
  let byHandler = policies.get(controller);
  if (!byHandler) {
    byHandler = new Map();
    policies.set(controller, byHandler);
  }
  let policy = byHandler.get(handler);
  if (!policy) {
    const targets = [handler, controller];
    policy = {
      isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true,
      optionalAuth: reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH, targets) === true,
      interviewGuest: reflector.getAllAndOverride<boolean>(INTERVIEW_GUEST, targets) === true,
      minRole: reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets),
      apiScope: reflector.getAllAndOverride<ApiKeyResource | undefined>(
        API_SCOPE_RESOURCE,
        targets,
      ),
    };
    byHandler.set(handler, policy);
  }
  return policy;
}
