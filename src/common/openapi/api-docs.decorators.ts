import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

export const API_FILE_FIELDS = 'panelist:api-file-fields';
export const API_ALIAS_OF = 'panelist:api-alias-of';

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 502 | 503;

export interface FileFieldDoc {
  name: string;
  description: string;
  required?: boolean;
}

export interface AliasDoc {
  // The canonical route, e.g. 'POST /api/jobs'.
  canonical: string;
  // For a handler that serves several paths: which of them are the aliases (relative to the
  // controller, as written in the route decorator). Without it the whole handler is the alias.
  paths?: string[];
}

// The failures particular to a route, each with what causes it. The responses every route shares
// (400 for input, 401/403 from its @Public/@Roles policy, 404 for path ids, 429, 500, 503) and the
// problem schema of each are added to the document from the route itself (openapi-document.ts).
export function ApiProblems(problems: Partial<Record<ProblemStatus, string>>) {
  return applyDecorators(
    ...Object.entries(problems).map(([status, description]) =>
      ApiResponse({ status: Number(status), description }),
    ),
  );
}

// A file part of a multipart/form-data body, beside the DTO's fields: documented as binary so
// "Try it out" and generated clients can attach it.
export const ApiFileField = (file: FileFieldDoc) => SetMetadata(API_FILE_FIELDS, file);

// A route kept for older clients: described once, marked deprecated, pointing to the canonical one.
export const ApiAliasOf = (alias: AliasDoc) => SetMetadata(API_ALIAS_OF, alias);
