import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

// The server-rendered pages are clients of the public HTTP API like any other: each call goes
// through this service's own router (Fastify's inject: no socket, but every hook, guard, limit
// and validation of the real route), from the visitor's address so per-address limits still hold.
export class PublicApiClient {
  constructor(private readonly fastify: FastifyInstance) {}

  async get<T>(
    from: FastifyRequest,
    path: string,
    query: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> {
    const search = new URLSearchParams(query).toString();
    return this.send<T>(from, 'GET', search ? `${path}?${search}` : path);
  }

  // Multipart, as a browser would send it: the FormData is serialised by the platform's encoder.
  async postForm<T>(from: FastifyRequest, path: string, form: FormData): Promise<ApiAnswer<T>> {
    const encoded = new Request('http://panelist.invalid/', { method: 'POST', body: form });
    const payload = Buffer.from(await encoded.arrayBuffer());
    return this.send<T>(from, 'POST', path, payload, encoded.headers.get('content-type')!);
  }

  private async send<T>(
    from: FastifyRequest,
    method: 'GET' | 'POST',
    url: string,
    payload?: Buffer,
    contentType?: string,
  ): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { 'x-request-id': from.id, accept: 'application/json' };
    if (contentType) {
      headers['content-type'] = contentType;
    }
    const answer = await this.fastify.inject({
      method,
      url,
      headers,
      payload,
      remoteAddress: from.ip,
    });
    const text = answer.body;
    let body: unknown = text;
    if ((answer.headers['content-type'] ?? '').toString().includes('json') && text) {
      body = JSON.parse(text);
    }
    return { status: answer.statusCode, body: body as T };
  }
}
