import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { MIN_ROLE, OPTIONAL_AUTH, PUBLIC_ROUTE } from '../auth/policy.decorators';
import { Role } from '../auth/role';
import { ParseUuidPipe } from '../validation/parse-uuid.pipe';
import { isUnprefixed } from '../http/global-prefix';
import { API_ALIAS_OF, API_FILE_FIELDS, AliasDoc, FileFieldDoc } from './api-docs.decorators';
import { documentIdempotency } from './idempotency-docs';
import { fillExamples, UUID_EXAMPLE } from './schema-examples';
import { PROBLEM_SCHEMAS, problemContent } from './problem-schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface RouteDoc {
  method: Method;
  // As in the document: /api/jobs/{id}
  path: string;
  // As written in the route decorator, relative to the controller: jobs/:id
  ownPath: string;
  policy: 'public' | 'optional' | Role;
  uuidParams: string[];
  alias?: AliasDoc;
  file?: FileFieldDoc;
}

const JSON_BODY_LIMIT = '1 MiB';

const SUCCESS_DESCRIPTIONS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted: the work continues in the background',
  '204': 'Done; no body',
};

// Completes the generated document from what each route already declares, so the 115 handlers
// do not repeat the same response decorators: the problem schema on every 4xx/5xx, 400 wherever
// there is input, 401/403 from @Public/@Roles, 404 for ids in the path, 413/415 for bodies,
// 429/500/503 everywhere; ids in the path typed as UUIDs; file parts typed as binary; aliases
// marked deprecated; examples for ids, dates and enums. Route-specific failures come from
// @ApiProblems on the handler.
export function completeOpenApiDocument(
  app: INestApplication,
  document: OpenAPIObject,
): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...PROBLEM_SCHEMAS };
  for (const route of describeRoutes(app)) {
    const operation = document.paths[route.path]?.[route.method];
    if (operation) {
      completeOperation(operation, route);
    }
  }
  for (const schema of Object.values(document.components.schemas)) {
    fillExamples(schema);
  }
  plainOperationIds(document);
  return document;
}

const INDEXED_ID = /\[\d+\]$/;

// create[0] → create once its alias has a name of its own (generators turn ids into method names).
function plainOperationIds(document: OpenAPIObject): void {
  const operations = Object.values(document.paths).flatMap((item) =>
    (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((m) => item[m] ?? []),
  );
  const taken = new Set(operations.map((op) => op.operationId));
  for (const operation of operations) {
    const plain = operation.operationId?.replace(INDEXED_ID, '');
    if (plain && plain !== operation.operationId && !taken.has(plain)) {
      taken.add(plain);
      operation.operationId = plain;
    }
  }
}

function completeOperation(operation: OperationObject, route: RouteDoc): void {
  typeUuidParameters(operation, route.uuidParams);
  for (const parameter of (operation.parameters ?? []) as ParameterObject[]) {
    if (parameter.schema) {
      fillExamples(parameter.schema, parameter.name);
    }
  }
  if (route.file) {
    documentFileField(operation, route.file);
  }
  if (route.alias && isAliasPath(route)) {
    markDeprecated(operation, route.alias);
  }
  if (route.method === 'post') {
    documentIdempotency(operation);
  }
  if (route.policy === 'optional') {
    // Anonymous calls are fine; a token, when sent, identifies the caller.
    operation.security = [{}, { bearer: [] }];
  }

  const hasInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined;
  const standard: [number, string][] = [];
  if (hasInput) {
    standard.push([
      400,
      'Invalid input (VALIDATION_FAILED and others): `errors` names every field or parameter at fault',
    ]);
  }
  if (route.policy === 'optional') {
    standard.push([
      401,
      'A bearer token was sent but is not valid (send none to call anonymously)',
    ]);
  } else if (route.policy !== 'public') {
    standard.push([401, 'Missing, malformed, expired or revoked access token']);
    standard.push([
      403,
      route.policy === Role.Candidate
        ? 'The account lost a role since this token was issued (ROLE_CHANGED): sign in again'
        : `Requires the ${route.policy} role or higher (INSUFFICIENT_ROLE)`,
    ]);
  }
  if (route.uuidParams.length > 0) {
    standard.push([
      404,
      `Nothing with this ${route.uuidParams.join(' / ')} exists, or the caller may not see it (404, never 403, so ids cannot be probed)`,
    ]);
  }
  if (operation.requestBody) {
    const multipart = 'multipart/form-data' in (requestContent(operation) ?? {});
    standard.push([
      413,
      multipart
        ? 'The upload is larger than MAX_FILE_SIZE (checked while streaming)'
        : `The body is larger than ${JSON_BODY_LIMIT}`,
    ]);
    standard.push([415, 'The Content-Type (or the uploaded file type) is not accepted here']);
  }
  standard.push([429, 'Rate limit exceeded (RATE_LIMITED): wait for Retry-After seconds']);
  standard.push([500, 'Unexpected server error: quote request_id when reporting it']);
  standard.push([
    503,
    'The database is briefly unavailable (DATABASE_UNAVAILABLE): retry after Retry-After seconds',
  ]);

  const responses = operation.responses;
  for (const [status, description] of standard) {
    const existing = responses[status] as ResponseObject | undefined;
    responses[status] = { ...existing, description: describe(status, description, existing) };
  }
  for (const [status, response] of Object.entries(responses)) {
    if (response && !('$ref' in response) && !response.description) {
      response.description = SUCCESS_DESCRIPTIONS[status] ?? 'Success';
    }
    if (Number(status) >= 400 && response && !('$ref' in response) && !response.content) {
      response.content = problemContent();
      if (status === '429' || status === '503') {
        response.headers = {
          'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
        };
      }
    }
  }
  operation.responses = sortedByStatus(responses);
}

// A route's own description of a status wins, except for 401 and 403: those the policy implies
// still apply beside a route-specific one (e.g. "recruiter or higher" and "only the job's owner").
function describe(status: number, standard: string, existing?: ResponseObject): string {
  const own = existing?.description;
  if (!own || own === standard) {
    return standard;
  }
  return status === 401 || status === 403 ? `- ${standard}\n- ${own}` : own;
}

function typeUuidParameters(operation: OperationObject, names: string[]): void {
  for (const parameter of (operation.parameters ?? []) as ParameterObject[]) {
    if (parameter.in === 'path' && names.includes(parameter.name)) {
      parameter.schema = { type: 'string', format: 'uuid', example: UUID_EXAMPLE };
    }
  }
}

function requestContent(operation: OperationObject) {
  const body = operation.requestBody as { content?: Record<string, { schema?: unknown }> };
  return body?.content;
}

// The multipart variant of a JSON-or-multipart body: the DTO's fields plus the binary file part.
function documentFileField(operation: OperationObject, file: FileFieldDoc): void {
  const multipart = requestContent(operation)?.['multipart/form-data'];
  if (!multipart) {
    return;
  }
  const fileSchema: SchemaObject = {
    type: 'object',
    properties: {
      [file.name]: { type: 'string', format: 'binary', description: file.description },
    },
    ...(file.required ? { required: [file.name] } : {}),
  };
  multipart.schema = multipart.schema ? { allOf: [multipart.schema, fileSchema] } : fileSchema;
}

function isAliasPath(route: RouteDoc): boolean {
  return !route.alias?.paths || route.alias.paths.includes(route.ownPath);
}

function markDeprecated(operation: OperationObject, alias: AliasDoc): void {
  operation.deprecated = true;
  operation.summary = `Deprecated alias of ${alias.canonical}`;
  operation.description = [
    `Kept for older clients: the same behaviour, answers and errors as \`${alias.canonical}\`. Use that route in new code.`,
    operation.description,
  ]
    .filter(Boolean)
    .join('\n\n');
  // One handler serving two paths gets operationIds like create[1]: give the alias a readable one.
  if (operation.operationId && INDEXED_ID.test(operation.operationId)) {
    operation.operationId = `${operation.operationId.replace(INDEXED_ID, '')}DeprecatedAlias`;
  }
}

function sortedByStatus<T>(responses: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

function toDocumentPath(...parts: string[]): string {
  const joined = parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .map((segment) => segment.replace(/^:(\w+)$/, '{$1}'))
    .join('/');
  return `/${joined}`;
}

// Every controller route with what the document needs to know about it, read from the same
// metadata the guards and pipes use.
function describeRoutes(app: INestApplication, globalPrefix = 'api'): RouteDoc[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteDoc[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
    const instance = wrapper.instance as object | undefined;
    if (!controller || !instance) {
      continue;
    }
    const prototype = Object.getPrototypeOf(instance) as Record<string, () => void>;
    const bases = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[]].flat();
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const subPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (subPaths === undefined) {
        continue;
      }
      const targets = [handler, controller];
      const minRole = reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets);
      const policy = reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)
        ? reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH, targets)
          ? 'optional'
          : 'public'
        : (minRole ?? Role.Admin);
      const method = RequestMethod[
        Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod
      ].toLowerCase() as Method;
      for (const base of bases) {
        for (const sub of [subPaths].flat()) {
          routes.push({
            method,
            path: isUnprefixed(toDocumentPath(base ?? '', sub))
              ? toDocumentPath(base ?? '', sub)
              : toDocumentPath(globalPrefix, base ?? '', sub),
            ownPath: sub,
            policy,
            uuidParams: uuidParamsOf(controller, name),
            alias: reflector.get<AliasDoc | undefined, string>(API_ALIAS_OF, handler),
            file: reflector.get<FileFieldDoc | undefined, string>(API_FILE_FIELDS, handler),
          });
        }
      }
    }
  }
  return routes;
}

// Path parameters read through ParseUuidPipe, from the handler's parameter metadata.
function uuidParamsOf(controller: object, handlerName: string): string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ?? {}) as Record<
    string,
    { data?: unknown; pipes?: unknown[] }
  >;
  return Object.entries(args)
    .filter(
      ([key, arg]) =>
        key.startsWith(`${RouteParamtypes.PARAM}:`) &&
        typeof arg.data === 'string' &&
        (arg.pipes ?? []).some((pipe) => pipe === ParseUuidPipe || pipe instanceof ParseUuidPipe),
    )
    .map(([, arg]) => arg.data as string);
}
