import type { ContentObject, SchemaObject } from '@nestjs/swagger';

// The RFC 9457 problem document every error answers (see ProblemDetailsFilter), as OpenAPI
// schemas shared by every 4xx/5xx response in the published document.
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
export const PROBLEM_SCHEMA = 'ProblemDetails';
export const PROBLEM_SCHEMA_REF = `#/components/schemas/${PROBLEM_SCHEMA}`;

export const PROBLEM_SCHEMAS: Record<string, SchemaObject> = {
  ProblemFieldError: {
    type: 'object',
    required: ['field', 'message'],
    properties: {
      field: {
        type: 'string',
        description: 'The body field, query parameter or path parameter at fault',
        example: 'job_id',
      },
      message: { type: 'string', example: 'job_id must be a UUID' },
    },
  },
  [PROBLEM_SCHEMA]: {
    type: 'object',
    description:
      'RFC 9457 problem details. `code` is stable and meant for programs; `detail` is for people. Every 400 lists the fields at fault in `errors`.',
    required: ['type', 'title', 'status', 'detail', 'instance', 'request_id', 'code'],
    properties: {
      type: {
        type: 'string',
        format: 'uri',
        description: 'Derived from `code`',
        example: 'https://panelist.dev/problems/validation-failed',
      },
      title: { type: 'string', example: 'Bad Request' },
      status: { type: 'integer', example: 400 },
      detail: { type: 'string', example: 'The request is invalid: job_id' },
      instance: {
        type: 'string',
        description: 'The request path',
        example: '/api/candidates/matching',
      },
      request_id: {
        type: 'string',
        description: 'Also in the X-Request-Id header and in the server logs',
        example: '6f1c2f0e-9b7a-4c1e-8d4b-2a5e3c9d7f10',
      },
      code: {
        type: 'string',
        description:
          'Stable machine code, e.g. VALIDATION_FAILED, TOKEN_MISSING, INSUFFICIENT_ROLE, APPLICATION_NOT_FOUND, APPLICATION_ALREADY_EXISTS, RATE_LIMITED, DATABASE_UNAVAILABLE',
        example: 'VALIDATION_FAILED',
      },
      errors: {
        type: 'array',
        description: 'On every 400: one entry per field at fault (empty when no single field is)',
        items: { $ref: '#/components/schemas/ProblemFieldError' },
      },
    },
  },
};

export function problemContent(): ContentObject {
  return { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: PROBLEM_SCHEMA_REF } } };
}
