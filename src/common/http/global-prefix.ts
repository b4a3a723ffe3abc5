import { RequestMethod } from '@nestjs/common';

// Every route lives under /api except these, whose path the contract fixes at the root
// (Prometheus scrapes /metrics).
export const GLOBAL_PREFIX = 'api';
export const UNPREFIXED_ROUTES = [{ path: 'metrics', method: RequestMethod.GET }];

export function isUnprefixed(path: string): boolean {
  return UNPREFIXED_ROUTES.some((route) => route.path === path.replace(/^\/+|\/+$/g, ''));
}
