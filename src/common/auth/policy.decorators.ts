import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Role } from './role';

export const PUBLIC_ROUTE = 'panelist:public';
export const MIN_ROLE = 'panelist:min-role';
export const OPTIONAL_AUTH = 'panelist:optional-auth';
export const INTERVIEW_GUEST = 'panelist:interview-guest';

// What an interview-link guest token grants: one interview of one candidate record, nothing else.
export interface InterviewGrant {
  interviewId: string;
  candidateId: string;
}

export interface AuthUser {
  id: string;
  role: Role;
  sessionId: string;
  // Set for callers authenticated by an access token: what a long-lived answer re-checks.
  tokenVersion?: number;
  expiresAt?: number; // unix seconds
  // Set only for a guest from an interview invitation link (id is then the link's id).
  interviewGrant?: InterviewGrant;
  // Set only for an integration's API key (id is then the key's id, which is also its service
  // account's user id: audit entries and created_by name the key).
  apiKey?: { id: string; scopes: string[] };
}

// Every route declares its policy; the guard refuses a route that declares none (deny by default).
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

// Public, but a valid bearer token (if sent) identifies the caller — e.g. applying while signed in.
export const PublicWithOptionalUser = () =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, true), SetMetadata(OPTIONAL_AUTH, true));

// Minimum role in the hierarchy candidate < recruiter < domain_expert < admin. The 401 and 403
// answers this implies are documented from the same metadata (common/openapi/openapi-document.ts).
export const Roles = (minimum: Role) =>
  applyDecorators(SetMetadata(MIN_ROLE, minimum), ApiBearerAuth());

// The route also accepts the guest token of an interview link (POST /api/interviews/access), for
// that one interview; every other route refuses such a token (401).
export const AcceptsInterviewGuest = () => SetMetadata(INTERVIEW_GUEST, true);

export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser | undefined =>
    ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>().user,
);
