import fastify from 'fastify';
import { streamingMultipart } from './streaming-multipart';

function multipartBody(boundary: string, file: string): string {
  return [
    `--${boundary}`,
    'Content-Disposition: form-data; name="note"',
    '',
    'hello',
    `--${boundary}`,
    'Content-Disposition: form-data; name="file"; filename="a.txt"',
    'Content-Type: text/plain',
    '',
    file,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

describe('streamingMultipart', () => {
  const boundary = 'x-boundary-42';

  async function app() {
    const server = fastify();
    await server.register(streamingMultipart, { limits: { fileSize: 1024 } });
    server.post('/parts', async (request) => {
      const seen: Record<string, string> = {};
      for await (const part of request.parts()) {
        seen[part.fieldname] =
          part.type === 'file' ? (await part.toBuffer()).toString() : String(part.value);
      }
      return seen;
    });
    server.post('/saved', async (request) => {
      await request.saveRequestFiles();
      return { saved: true };
    });
    return server;
  }

  it('streams the parts of a multipart request', async () => {
    const server = await app();
    const res = await server.inject({
      method: 'POST',
      url: '/parts',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipartBody(boundary, 'file contents'),
    });
    await server.close();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ note: 'hello', file: 'file contents' });
  });

  it('refuses to write uploads to temporary files nothing would delete', async () => {
    const server = await app();
    const res = await server.inject({
      method: 'POST',
      url: '/saved',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipartBody(boundary, 'file contents'),
    });
    await server.close();
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ message: expect.stringContaining('streamed') });
  });

  it('still enforces the size limit while streaming', async () => {
    const server = await app();
    const res = await server.inject({
      method: 'POST',
      url: '/parts',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipartBody(boundary, 'x'.repeat(4096)),
    });
    await server.close();
    expect(res.statusCode).toBe(413);
  });
});
