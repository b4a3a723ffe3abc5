import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  SchemaObject,
} from '@nestjs/swagger';
import { loginAdmin, SignedIn } from './support/factories';
import { HttpResponse } from './support/http-client';
import { createTestApp, TestApp } from './support/test-app';

const SOME_UUID = '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  op: OperationObject;
  params: ParameterObject[];
}

function operationsOf(doc: OpenAPIObject): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({
      method,
      path,
      op: item[method]!,
      params: (item[method]!.parameters ?? []) as ParameterObject[],
    })),
  );
}

const isUuidParam = (p: ParameterObject) =>
  p.in === 'path' && (p.schema as SchemaObject | undefined)?.format === 'uuid';

// A value the parameter accepts, from its schema: the point is to leave one parameter out.
function sampleValue(p: ParameterObject): string {
  const schema = (p.schema ?? {}) as SchemaObject;
  if (schema.format === 'uuid') {
    return SOME_UUID;
  }
  if (schema.enum?.length) {
    return String(schema.enum[0]);
  }
  if (schema.example !== undefined) {
    return String(schema.example);
  }
  return schema.type === 'integer' || schema.type === 'number' ? '1' : 'x';
}

function fillPath(path: string, params: ParameterObject[], override: Record<string, string> = {}) {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const param = params.find((p) => p.in === 'path' && p.name === name);
    return encodeURIComponent(override[name] ?? (param ? sampleValue(param) : 'x'));
  });
}

function expectOneProblemShape(res: HttpResponse, field: string, message: string): string[] {
  const wrong: string[] = [];
  const body = res.body ?? {};
  if (res.status !== 400) {
    wrong.push(`status ${res.status}`);
  }
  if (!String(res.headers.get('content-type')).includes('application/problem+json')) {
    wrong.push('content-type');
  }
  for (const key of ['type', 'title', 'detail', 'instance', 'request_id', 'code']) {
    if (typeof body[key] !== 'string' || body[key] === '') {
      wrong.push(`missing ${key}`);
    }
  }
  if (body.type === 'about:blank') {
    wrong.push('type about:blank');
  }
  if (body.code !== 'VALIDATION_FAILED') {
    wrong.push(`code ${body.code}`);
  }
  if (body.request_id !== res.headers.get('x-request-id')) {
    wrong.push('request_id differs from X-Request-Id');
  }
  const errors = Array.isArray(body.errors) ? body.errors : [];
  if (
    !errors.some(
      (e: { field: string; message: string }) => e.field === field && e.message === message,
    )
  ) {
    wrong.push(
      `errors ${JSON.stringify(body.errors)} lack { field: ${field}, message: ${message} }`,
    );
  }
  return wrong;
}

// Issue 14.7: one problem shape for every validation failure, wherever the value sits.
describe('One problem shape for invalid input (e2e)', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http.get('/docs-json')).body;
    admin = await loginAdmin(t.http);
  });

  afterAll(() => t.close());

  it('answers a malformed id in any path with VALIDATION_FAILED naming the parameter', async () => {
    const withIds = operationsOf(doc).filter((o) => o.params.some(isUuidParam));
    expect(withIds.length).toBeGreaterThan(50);
    const wrong: string[] = [];
    for (const { method, path, params } of withIds) {
      for (const param of params.filter(isUuidParam)) {
        const url = fillPath(path, params, { [param.name]: 'not-a-uuid' });
        const res = await t.http.request(method.toUpperCase(), url, undefined, {
          token: admin.accessToken,
          query: Object.fromEntries(
            params
              .filter((p) => p.in === 'query' && p.required)
              .map((p) => [p.name, sampleValue(p)]),
          ),
        });
        const problems = expectOneProblemShape(res, param.name, `${param.name} must be a UUID`);
        if (problems.length > 0) {
          wrong.push(`${method.toUpperCase()} ${url}: ${problems.join('; ')}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers a missing required query parameter with "<name> is required"', async () => {
    const withRequired = operationsOf(doc).filter((o) =>
      o.params.some((p) => p.in === 'query' && p.required),
    );
    expect(withRequired.map((o) => o.path)).toEqual(
      expect.arrayContaining(['/api/candidates/matching', '/api/ats/pipeline']),
    );
    const wrong: string[] = [];
    for (const { method, path, params } of withRequired) {
      const required = params.filter((p) => p.in === 'query' && p.required);
      for (const missing of required) {
        const query = Object.fromEntries(
          required.filter((p) => p !== missing).map((p) => [p.name, sampleValue(p)]),
        );
        const url = fillPath(path, params);
        const res = await t.http.request(method.toUpperCase(), url, undefined, {
          token: admin.accessToken,
          query,
        });
        const problems = expectOneProblemShape(res, missing.name, `${missing.name} is required`);
        if (problems.length > 0) {
          wrong.push(
            `${method.toUpperCase()} ${url} without ${missing.name}: ${problems.join('; ')}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('says "is required" for a missing body field and "must be a UUID" for a malformed one', async () => {
    const missing = await t.http.post(
      '/api/ats/move-stage',
      { to_stage: 'screening' },
      {
        token: admin.accessToken,
      },
    );
    expect(expectOneProblemShape(missing, 'application_id', 'application_id is required')).toEqual(
      [],
    );
    const malformed = await t.http.post(
      '/api/ats/move-stage',
      { application_id: 'nope', to_stage: 'screening' },
      { token: admin.accessToken },
    );
    expect(
      expectOneProblemShape(malformed, 'application_id', 'application_id must be a UUID'),
    ).toEqual([]);
  });

  it('gives framework errors a stable code and never about:blank', async () => {
    const unknown = await t.http.get('/api/no-such-route');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      code: 'ROUTE_NOT_FOUND',
      type: 'https://panelist.dev/problems/route-not-found',
    });
    const badJson = await t.http.post('/api/auth/login', undefined, {
      raw: '{"username": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body.type).not.toBe('about:blank');
    expect(typeof badJson.body.code).toBe('string');
    expect(badJson.body.errors).toEqual([{ field: 'body', message: expect.any(String) }]);
  });
});
