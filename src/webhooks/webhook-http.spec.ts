import type { LookupAddress } from 'node:dns';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookTargetError } from './ssrf-guard';
import { deliverWebhook } from './webhook-http';

// A real receiver on loopback and the real HTTP client; only the name's answers are scripted.
describe('deliverWebhook', () => {
  let server: Server;
  let port: number;
  let received: string[];

  beforeAll(async () => {
    received = [];
    server = createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  beforeEach(() => (received = []));

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  // Answers each look-up of the name with the next list (the last one repeats).
  function scriptedName(...answers: string[][]) {
    const calls: string[] = [];
    const resolve = (hostname: string): Promise<LookupAddress[]> => {
      calls.push(hostname);
      const answer = answers[Math.min(calls.length, answers.length) - 1];
      return Promise.resolve(
        answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
    };
    return { resolve, calls };
  }

  const send = (resolve: ReturnType<typeof scriptedName>['resolve'], allowPrivate = false) =>
    deliverWebhook(new URL(`http://rebind.test:${port}/hook`), '{}', {
      headers: {},
      timeoutMs: 2000,
      allowPrivate,
      resolve,
    });

  it('#13.12 refuses at connect time a name that resolved to a public address at check time (DNS rebinding)', async () => {
    const name = scriptedName(['93.184.216.34'], ['127.0.0.1']);
    const attempt = send(name.resolve);
    await expect(attempt).rejects.toBeInstanceOf(WebhookTargetError);
    await expect(attempt).rejects.toThrow('non-public address');
    // Checked once before sending, and again by the socket's own look-up.
    expect(name.calls).toEqual(['rebind.test', 'rebind.test']);
    expect(received).toEqual([]);
  });

  it('#13.12 refuses at connect time when any one address of the name turns private', async () => {
    const name = scriptedName(['93.184.216.34'], ['93.184.216.34', '::ffff:127.0.0.1']);
    await expect(send(name.resolve)).rejects.toThrow('non-public address');
    expect(received).toEqual([]);
  });

  it('connects to the address its own look-up returned (allowed for private targets in tests)', async () => {
    const name = scriptedName(['127.0.0.1']);
    await expect(send(name.resolve, true)).resolves.toBe(204);
    expect(received).toEqual(['POST /hook']);
    expect(name.calls).toEqual(['rebind.test']);
  });
});
