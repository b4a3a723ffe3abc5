import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable, isRejectedParameter } from '../../database/database-errors';
import { DomainException } from './domain.exception';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  request_id: string;
  code: string;
  errors?: { field: string; message: string }[];
  [key: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';

// A stable code for problems raised without a domain code (framework errors, unknown failures):
// every problem document carries `code`, and `type` is never about:blank.
const DEFAULT_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  410: 'GONE',
  413: 'CONTENT_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'RATE_LIMITED',
  500: 'INTERNAL_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
};

function defaultCode(status: number): string {
  return DEFAULT_CODES[status] ?? (status >= 500 ? 'SERVER_ERROR' : 'REQUEST_ERROR');
}

// Fastify's own errors (body parsing, limits) carry codes; map the ones a client can cause.
const FASTIFY_CODES: Record<string, { status: number; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, detail: 'The request body is larger than allowed' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, detail: 'The uploaded file is larger than allowed' },
  FST_FILES_LIMIT: { status: 413, detail: 'Too many files in the upload' },
  FST_PARTS_LIMIT: { status: 413, detail: 'Too many parts in the upload' },
  FST_FIELDS_LIMIT: { status: 413, detail: 'Too many fields in the upload' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, detail: 'Unsupported content type' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, detail: 'Expected multipart/form-data' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, detail: 'The JSON body is empty' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, detail: 'Invalid Content-Length' },
  FST_PROTO_VIOLATION: { status: 400, detail: 'The JSON body contains a forbidden key' },
};

export function buildProblem(
  status: number,
  detail: string,
  request: { url?: string; id?: string },
  extra: Record<string, unknown> = {},
): Problem {
  const code = typeof extra.code === 'string' ? extra.code : defaultCode(status);
  return {
    type: `https://panelist.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Request Error'),
    status,
    detail,
    instance: (request.url ?? '').split('?')[0],
    request_id: String(request.id ?? ''),
    ...extra,
    code,
    // A 400 always lists what was wrong, field by field (empty when no single field is at fault).
    ...(status === 400 ? { errors: Array.isArray(extra.errors) ? extra.errors : [] } : {}),
  };
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { status, detail, extra, headers } = this.describe(exception);
    if (extra.code === DATABASE_UNAVAILABLE) {
      // Expected while PostgreSQL restarts or fails over: one line per request, no stack.
      this.logger.warn(
        { request_id: request.id },
        `Database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`,
      );
    } else if (status >= 500) {
      this.logger.error(
        { err: exception, request_id: request.id },
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    for (const [name, value] of Object.entries(headers)) {
      void reply.header(name, value);
    }
    void reply
      .status(status)
      .header('Content-Type', 'application/problem+json; charset=utf-8')
      .send(buildProblem(status, detail, request, extra));
  }

  private describe(exception: unknown): {
    status: number;
    detail: string;
    extra: Record<string, unknown>;
    headers: Record<string, string>;
  } {
    if (exception instanceof DomainException) {
      return {
        status: exception.status,
        detail: exception.detail,
        extra: { code: exception.code, ...exception.extra },
        headers: exception.headers,
      };
    }
    if (exception instanceof ThrottlerException) {
      return {
        status: 429,
        detail: 'Too many requests; slow down and retry later',
        extra: { code: 'RATE_LIMITED' },
        headers: {},
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      let detail = exception.message;
      if (typeof response === 'object' && response && 'message' in response) {
        const message = response.message;
        detail = Array.isArray(message) ? message.join('; ') : String(message);
      }
      if (status === 404 && detail.startsWith('Cannot ')) {
        return {
          status,
          detail: 'No route matches this method and path',
          extra: { code: 'ROUTE_NOT_FOUND' },
          headers: {},
        };
      }
      if (status === 400 && /json/i.test(detail)) {
        // The body parser's own error (Nest wraps it): name the body as the field at fault.
        return {
          status,
          detail: 'The request body is not valid JSON',
          extra: {
            code: 'INVALID_JSON',
            errors: [{ field: 'body', message: 'body must be valid JSON' }],
          },
          headers: {},
        };
      }
      return { status, detail, extra: {}, headers: {} };
    }
    const fastifyCode = (exception as { code?: string } | null)?.code;
    if (fastifyCode && FASTIFY_CODES[fastifyCode]) {
      const known = FASTIFY_CODES[fastifyCode];
      return {
        status: known.status,
        detail: known.detail,
        extra: {
          code: fastifyCode,
          ...(known.status === 400 ? { errors: [{ field: 'body', message: known.detail }] } : {}),
        },
        headers: {},
      };
    }
    const statusCode = (exception as { statusCode?: number } | null)?.statusCode;
    if (statusCode && statusCode >= 400 && statusCode < 500) {
      // A client error raised by Fastify itself (e.g. malformed JSON): its message is safe.
      const detail =
        statusCode === 400 ? 'The request body could not be parsed' : 'The request was refused';
      return {
        status: statusCode,
        detail,
        extra: statusCode === 400 ? { errors: [{ field: 'body', message: detail }] } : {},
        headers: {},
      };
    }
    if (isDatabaseUnavailable(exception)) {
      // The server is down, restarting or out of connections: retry later, the pool reconnects.
      return {
        status: 503,
        detail: 'The database is temporarily unavailable; retry shortly',
        extra: { code: DATABASE_UNAVAILABLE },
        headers: { 'Retry-After': '5' },
      };
    }
    if (isRejectedParameter(exception)) {
      return {
        status: 400,
        detail:
          'A value in the request does not fit its field (e.g. a forged cursor or a NUL character)',
        extra: { code: 'INVALID_PARAMETER_VALUE' },
        headers: {},
      };
    }
    return {
      status: 500,
      detail: 'An unexpected error occurred; quote the request id when reporting it',
      extra: {},
      headers: {},
    };
  }
}
