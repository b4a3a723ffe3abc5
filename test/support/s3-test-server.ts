import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request as forward } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { freePort } from './server-process';

export const S3_TEST_BUCKET = 'panelist-test';
// s3rver's fixed credentials (it checks signatures made with them).
const ACCESS_KEY = 'S3RVER';

export interface S3TestServer {
  endpoint: string;
  port: number;
  // The settings a Panelist process needs to use this store.
  env: Record<string, string>;
  client: S3Client;
  // Every object name in the bucket under `prefix`.
  list(prefix?: string): Promise<string[]>;
  // Stops answering (an outage); start() brings it back on the same port with the same data.
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const AUTH_PARAMS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
];

function amzDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : new Date(NaN);
}

// s3rver checks a presigned URL's expiry but not its SigV4 signature. This check recomputes the
// signature of a presigned request from what actually arrived (method, path, query and the
// values of the signed headers) with the AWS SDK's own presigner, and refuses a mismatch as S3
// does: 403 SignatureDoesNotMatch. Requests signed in headers (the SDK client's) pass unchanged.
async function presignedSignatureMatches(
  presigner: S3RequestPresigner,
  req: IncomingMessage,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  const provided = url.searchParams.get('X-Amz-Signature');
  const signed = (url.searchParams.get('X-Amz-SignedHeaders') ?? '').split(';');
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (!AUTH_PARAMS.includes(name)) {
      query[name] = value;
    }
  }
  const headers: Record<string, string> = {};
  for (const name of signed) {
    headers[name] = String(req.headers[name] ?? '');
  }
  const [hostname, port] = (req.headers.host ?? '').split(':');
  const request = {
    method: req.method ?? 'GET',
    protocol: 'http:',
    hostname,
    port: port ? Number(port) : undefined,
    path: decodeURIComponent(url.pathname),
    query,
    headers,
  };
  const again = await presigner.presign(request, {
    signingDate: amzDate(url.searchParams.get('X-Amz-Date') ?? ''),
    expiresIn: Number(url.searchParams.get('X-Amz-Expires')),
    signableHeaders: new Set(signed.filter((name) => name !== 'host')),
  });
  return again.query?.['X-Amz-Signature'] === provided;
}

function refuse(res: ServerResponse, code: string, message: string): void {
  res.writeHead(403, { 'content-type': 'application/xml' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  );
}

// A real S3-protocol server (s3rver) on 127.0.0.1, its data in a temporary folder, one bucket,
// behind the presigned-signature check above (the endpoint Panelist is given).
export async function startS3TestServer(): Promise<S3TestServer> {
  const port = await freePort();
  const storePort = await freePort();
  const directory = mkdtempSync(join(tmpdir(), 'panelist-s3-'));
  const make = () =>
    new S3rver({
      address: '127.0.0.1',
      port: storePort,
      silent: true,
      directory,
      configureBuckets: [{ name: S3_TEST_BUCKET, configs: [] }],
    });
  let server: S3rver | null = make();
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: ACCESS_KEY },
  });
  const presigner = new S3RequestPresigner({ ...client.config });
  // One connection per forwarded request: no idle socket keeps s3rver from closing.
  const agent = new Agent({ keepAlive: false });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if ((req.url ?? '').includes('X-Amz-Signature=')) {
      const matches = await presignedSignatureMatches(presigner, req).catch(() => false);
      if (!matches) {
        req.resume();
        return refuse(
          res,
          'SignatureDoesNotMatch',
          'The request signature we calculated does not match the signature you provided.',
        );
      }
    }
    const upstream = forward(
      {
        agent,
        host: '127.0.0.1',
        port: storePort,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  let front: Server | null = null;
  const listen = () =>
    new Promise<void>((resolve) => {
      front = createServer((req, res) => void handle(req, res));
      front.listen(port, '127.0.0.1', () => resolve());
    });
  const unlisten = () =>
    new Promise<void>((resolve) => {
      if (!front) {
        return resolve();
      }
      front.closeAllConnections();
      front.close(() => resolve());
      front = null;
    });
  await listen();
  return {
    endpoint,
    port,
    client,
    env: {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: S3_TEST_BUCKET,
      S3_ACCESS_KEY_ID: ACCESS_KEY,
      S3_SECRET_ACCESS_KEY: ACCESS_KEY,
      S3_FORCE_PATH_STYLE: 'true',
    },
    async list(prefix = '') {
      const names: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: S3_TEST_BUCKET,
            Prefix: prefix,
            ContinuationToken: token,
          }),
        );
        names.push(...(page.Contents ?? []).map((o) => o.Key!));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return names;
    },
    async stop() {
      await unlisten();
      await server?.close();
      server = null;
    },
    async start() {
      server = make();
      await server.run();
      await listen();
    },
    async close() {
      client.destroy();
      await unlisten();
      agent.destroy();
      await server?.close();
      server = null;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
