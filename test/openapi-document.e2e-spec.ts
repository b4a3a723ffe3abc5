import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { listRoutes, RouteDescriptor } from '../src/common/auth/route-policy';
import { Role } from '../src/common/auth/role';
import { createTestApp, TestApp } from './support/test-app';

const PROBLEM_REF = '#/components/schemas/ProblemDetails';
// Health's 503 is its report with status "unhealthy" (the contract), not a problem document.
const OWN_ERROR_BODIES = new Set(['get /api/health 503']);

type Schema = SchemaObject | ReferenceObject;

interface Operation {
  key: string;
  method: string;
  path: string;
  op: OperationObject;
  route: RouteDescriptor;
}

const docPath = (routePath: string) => routePath.replace(/:(\w+)/g, '{$1}');

// Issue 14.5: the published document is complete enough for client generators.
describe('OpenAPI document (e2e)', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  let operations: Operation[];

  const resolve = (schema: Schema | undefined): SchemaObject | undefined => {
    if (schema && '$ref' in schema) {
      return doc.components!.schemas![schema.$ref.split('/').pop()!] as SchemaObject;
    }
    return schema;
  };
  // Every property a schema offers, following $ref and allOf.
  const propertiesOf = (schema: Schema | undefined): Record<string, SchemaObject> => {
    const s = resolve(schema);
    if (!s) {
      return {};
    }
    return Object.assign(
      {},
      ...(s.allOf ?? []).map(propertiesOf),
      s.properties as Record<string, SchemaObject>,
    );
  };
  const operation = (method: string, path: string) =>
    operations.find((o) => o.method === method && o.path === path)!.op;

  beforeAll(async () => {
    t = await createTestApp();
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
    operations = listRoutes(t.app).map((route) => {
      const method = route.method.toLowerCase();
      const path = docPath(route.path);
      const op = doc.paths[path]?.[method as 'get'];
      return { key: `${method} ${path}`, method, path, op: op!, route };
    });
  });

  afterAll(() => t.close());

  it('describes every route once', () => {
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.filter((o) => !o.op).map((o) => o.key)).toEqual([]);
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => /\[\d+\]$/.test(id ?? ''))).toEqual([]);
  });

  it('gives every operation a summary and a success response with a schema', () => {
    const wrong: string[] = [];
    for (const { key, op } of operations) {
      if (!op.summary?.trim()) {
        wrong.push(`${key}: no summary`);
      }
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      // A route whose answer is a redirect (single sign-on start) documents its 302 instead.
      const redirects = Object.keys(op.responses).filter((status) => /^30[237]$/.test(status));
      if (success.length === 0 && redirects.length === 0) {
        wrong.push(`${key}: no 2xx response`);
      }
      for (const [status, response] of success as [string, ResponseObject][]) {
        const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
        if (status !== '204' && (schemas.length === 0 || schemas.some((s) => !s))) {
          wrong.push(`${key}: ${status} has no schema`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('documents the errors each route can answer, from its input and its policy', () => {
    const wrong: string[] = [];
    for (const { key, op, route } of operations) {
      const has = (status: number) => op.responses[status] !== undefined;
      const expected: number[] = [429, 500, 503];
      if ((op.parameters?.length ?? 0) > 0 || op.requestBody) {
        expected.push(400);
      }
      if (route.policy && !('public' in route.policy)) {
        expected.push(401, 403);
      }
      if (route.policy && 'minRole' in route.policy && route.policy.minRole !== Role.Candidate) {
        const forbidden = op.responses[403] as ResponseObject | undefined;
        if (!forbidden?.description.includes(`${route.policy.minRole} role`)) {
          wrong.push(`${key}: 403 does not name the ${route.policy.minRole} role`);
        }
      }
      if (/\{\w*[iI]d\}/.test(key)) {
        expected.push(404);
      }
      if (op.requestBody) {
        expected.push(413, 415);
      }
      for (const status of expected.filter((s) => !has(s))) {
        wrong.push(`${key}: no ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers every 4xx and 5xx with the shared problem schema', () => {
    const wrong: string[] = [];
    for (const { key, op } of operations) {
      for (const [status, response] of Object.entries(op.responses) as [string, ResponseObject][]) {
        if (Number(status) < 400 || OWN_ERROR_BODIES.has(`${key} ${status}`)) {
          continue;
        }
        const schema = response.content?.['application/problem+json']?.schema as ReferenceObject;
        if (schema?.$ref !== PROBLEM_REF || !response.description) {
          wrong.push(`${key} ${status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    const problem = resolve({ $ref: PROBLEM_REF })!;
    expect(problem.required).toEqual(
      expect.arrayContaining([
        'type',
        'title',
        'status',
        'detail',
        'instance',
        'request_id',
        'code',
      ]),
    );
    expect(propertiesOf(problem).errors).toBeDefined();
  });

  it('types ids in paths as UUIDs, with an example', () => {
    const wrong: string[] = [];
    for (const { key, op } of operations) {
      for (const param of (op.parameters ?? []) as ParameterObject[]) {
        const schema = param.schema as SchemaObject;
        if (param.in === 'path' && /^(id|\w+Id)$/.test(param.name)) {
          if (schema?.format !== 'uuid' || schema.example === undefined) {
            wrong.push(`${key} ${param.name}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives every id, e-mail, date and enum property an example', () => {
    const wrong: string[] = [];
    let total = 0;
    let withExample = 0;
    const visit = (name: string, schema: Schema | undefined) => {
      if (!schema || '$ref' in schema) {
        return;
      }
      for (const [prop, child] of Object.entries(schema.properties ?? {})) {
        const c = child as SchemaObject;
        total += 1;
        withExample += c.example !== undefined ? 1 : 0;
        // A property named like an address but holding an object (send_email: { template?,
        // send_at? } of the reject action) is no address.
        const addressNamed = /(^|_)email$/.test(prop) && !('$ref' in c) && c.type !== 'object';
        const needs =
          ['uuid', 'date-time', 'date', 'email'].includes(String(c.format)) ||
          (c.enum?.length ?? 0) > 0 ||
          addressNamed;
        if (needs && (c.example === undefined || (addressNamed && c.format !== 'email'))) {
          wrong.push(`${name}.${prop}`);
        }
        visit(`${name}.${prop}`, c);
        visit(`${name}.${prop}[]`, c.items);
      }
      (schema.allOf ?? []).forEach((part) => visit(name, part));
    };
    for (const [name, schema] of Object.entries(doc.components!.schemas!)) {
      visit(name, schema);
    }
    expect(wrong).toEqual([]);
    // Far above the 93 of 913 the issue found.
    expect(withExample / total).toBeGreaterThan(0.5);
  });

  it('documents file parts as binary so a client can attach them', () => {
    const binary = (schema: Schema | undefined, field: string) =>
      propertiesOf(schema)[field]?.format === 'binary';
    const multipart = (method: string, path: string) =>
      (operation(method, path).requestBody as { content: Record<string, { schema: Schema }> })
        .content['multipart/form-data']?.schema;
    expect(binary(multipart('post', '/api/jobs/{id}/applications'), 'resume')).toBe(true);
    expect(binary(multipart('post', '/api/job/apply'), 'resume')).toBe(true);
    expect(binary(multipart('post', '/api/interviews/{id}/answers'), 'audio')).toBe(true);
    expect(binary(multipart('post', '/api/resume/upload'), 'file')).toBe(true);
    expect(binary(multipart('post', '/api/transcribe'), 'file')).toBe(true);
    // The multipart apply keeps the JSON fields beside the file.
    expect(propertiesOf(multipart('post', '/api/jobs/{id}/applications'))).toHaveProperty(
      'consent_data_processing',
    );
    const upload = operation('put', '/api/media/upload/{key}').requestBody as {
      content: Record<string, { schema: SchemaObject }>;
    };
    const uploadTypes = Object.values(upload.content);
    expect(uploadTypes.length).toBeGreaterThan(0);
    expect(uploadTypes.every((c) => c.schema.format === 'binary')).toBe(true);
  });

  it('marks alias routes deprecated, pointing to a canonical route that is not', () => {
    const aliases = operations.filter((o) => o.op.deprecated);
    expect(aliases.map((o) => o.key).sort()).toEqual([
      'get /api/job/{id}/applications',
      'get /api/resume/download/{id}',
      'post /api/createJob',
      'post /api/job/apply',
      'post /api/video/create-meeting',
    ]);
    for (const alias of aliases) {
      const [, method, path] = /of (GET|POST|PUT|PATCH|DELETE) (\S+)/.exec(alias.op.summary!)!;
      const canonical = operation(method.toLowerCase(), path);
      expect(canonical).toBeDefined();
      expect(canonical.deprecated).toBeFalsy();
      expect(alias.op.description).toContain(`${method} ${path}`);
    }
  });
});
