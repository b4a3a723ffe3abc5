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

  // One multipart request to a fresh application, closed afterwards.
  async function post(url: string, file: string) {
    const server = await app();
    try {
      return await server.inject({
        method: 'POST',
        url,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: multipartBody(boundary, file),
      });
    } finally {
      await server.close();
    }
  }

  it('streams the parts of a multipart request', async () => {
    const res = await post('/parts', 'file contents');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ note: 'hello', file: 'file contents' });
  });

  it('refuses to write uploads to temporary files nothing would delete', async () => {
    const res = await post('/saved', 'file contents');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ message: expect.stringContaining('streamed') });
  });

  it('still enforces the size limit while streaming', async () => {
    const res = await post('/parts', 'x'.repeat(4096));
    expect(res.statusCode).toBe(413);
  });
});
