import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ConfigService } from '@nestjs/config';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';
import { Client } from 'pg';
import type { AppConfig } from '../../src/config/app-config';
import { loadConfiguration } from '../../src/config/configuration';
import { CryptoService } from '../../src/crypto/crypto.service';
import type { FileStorage } from '../../src/storage/file-storage';
import { LocalEncryptedStorage } from '../../src/storage/local-encrypted.storage';
import { S3EncryptedStorage } from '../../src/storage/s3-encrypted.storage';
import { buildStorageSettings } from '../../src/storage/storage-settings';
import { S3_TEST_BUCKET, startS3TestServer } from '../../test/support/s3-test-server';

// Storage throughput and the API's memory while it streams big files (issue #18).
// 1. Upload and download MiB/s of the local and S3 drivers (encrypting / decrypting on the way)
//    against a raw baseline in the same run: the same bytes written to and read from the same
//    disk, and put to and got from the same S3 server (s3rver on 127.0.0.1) with the same
//    multipart settings, without encryption.
// 2. The API process's resident memory (VmRSS) while a presigned upload of N MiB is moved from
//    the intake area into the store and then downloaded through the API, for several N.
// Usage: npm run build && DATABASE_SERVER_URL=postgres://postgres@127.0.0.1:5432/postgres \
//        node dist/bench/storage/storage-bench.js [MiB=100] [RSS sizes in MiB=40,100,200]
const MiB = 1024 * 1024;
const SIZE_MIB = Number(process.argv[2] ?? 100);
const RSS_SIZES = (process.argv[3] ?? '40,100,200').split(',').map(Number);
const SERVER_URL = process.env.DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = join(__dirname, '..', '..', '..');
const SECRETS = {
  JWT_SECRET: 'bench-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz',
  PII_ENCRYPTION_KEYS: `b1:${Buffer.alloc(32, 9).toString('base64')}`,
  BLIND_INDEX_KEY: 'bench-blind-index-key-0123456789abcdefghij',
  TURN_SECRET: 'bench-turn',
};

const block = randomBytes(MiB);
// A WebM-looking body (EBML magic first) of `mib` MiB, produced on the fly.
const body = (mib: number) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < mib; i++) {
        yield i === 0
          ? Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), block.subarray(4)])
          : block;
      }
    })(),
  );
const sink = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return SIZE_MIB / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function throughput(
  name: string,
  storage: FileStorage,
  raw: { put: () => Promise<unknown>; get: () => Promise<unknown> },
) {
  const key = storage.newKey('bench');
  const rawPut = await timed(raw.put);
  const put = await timed(() => storage.putStream(key, body(SIZE_MIB)));
  const rawGet = await timed(raw.get);
  const get = await timed(async () => pipeline((await storage.getStream(key))!, sink()));
  await storage.delete(key);
  const f = (n: number) => n.toFixed(0);
  process.stderr.write(
    `${name}: put ${f(put)} (raw ${f(rawPut)}), get ${f(get)} (raw ${f(rawGet)})\n`,
  );
  return [
    `| ${name} | upload | ${f(put)} | ${f(rawPut)} | ${(put / rawPut).toFixed(2)} |`,
    `| ${name} | download | ${f(get)} | ${f(rawGet)} | ${(get / rawGet).toFixed(2)} |`,
  ];
}

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

async function peakRss<T>(pid: number, run: () => Promise<T>): Promise<number> {
  let peak = rssMiB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 20);
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, rssMiB(pid));
}

function putTo(url: string, headers: Record<string, string>, mib: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    body(mib).pipe(req);
  });
}

interface ApiBody {
  access_token: string;
  file_key: string;
  upload_url: string;
  headers: Record<string, string>;
  download_url: string;
}

async function api(path: string, init: RequestInit & { token?: string } = {}, base: string) {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
  });
  return { status: res.status, body: ((await res.json().catch(() => null)) ?? {}) as ApiBody };
}

async function memoryWhileStreaming(s3env: Record<string, string>): Promise<string[]> {
  const name = `panelist_bench_storage_${Date.now()}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const databaseUrl = SERVER_URL.replace(/\/[^/]*$/, `/${name}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'panelist-bench-'));
  const port = 18_000 + Math.floor(Math.random() * 1000);
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [join(root, 'dist', 'src', 'main.js')], {
    env: {
      ...process.env,
      ...SECRETS,
      ...s3env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      RATE_LIMIT_PER_MINUTE: '1000000',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
      MEDIA_MAX_VIDEO_BYTES: String(512 * MiB),
    },
    stdio: 'inherit',
  });
  const lines: string[] = [];
  try {
    for (let i = 0; ; i++) {
      if ((await fetch(`${base}/api/health`).catch(() => null))?.status === 200) {
        break;
      }
      if (i > 600) {
        throw new Error('the API did not start');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const who = await api(
      '/api/auth/signup',
      {
        method: 'POST',
        body: JSON.stringify({
          username: `bench${Date.now()}`,
          email: `bench${Date.now()}@example.com`,
          password: 'violet-harbour-kettle-93',
          full_name: 'Bench Candidate',
        }),
      },
      base,
    );
    const token = who.body.access_token;
    const idle = rssMiB(child.pid!);
    for (const mib of RSS_SIZES) {
      const reserved = await api(
        '/api/media/upload-url',
        {
          method: 'POST',
          token,
          body: JSON.stringify({
            kind: 'video',
            content_type: 'video/webm',
            size_bytes: mib * MiB,
          }),
        },
        base,
      );
      const fileKey = reserved.body.file_key;
      if ((await putTo(reserved.body.upload_url, reserved.body.headers, mib)) !== 200) {
        throw new Error('presigned PUT refused');
      }
      let link = '';
      const moving = await peakRss(child.pid!, async () => {
        for (;;) {
          const res = await api(`/api/media/download-url?file_key=${fileKey}`, { token }, base);
          if (res.status === 200) {
            link = res.body.download_url;
            return;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      });
      const downloading = await peakRss(child.pid!, async () => {
        const res = await fetch(link.replace(/^https?:\/\/[^/]+/, base));
        await pipeline(Readable.fromWeb(res.body as WebStream), sink());
      });
      process.stderr.write(
        `${mib} MiB: idle ${idle}, moving ${moving}, downloading ${downloading}\n`,
      );
      lines.push(
        `| ${mib} MiB | ${idle.toFixed(0)} | ${moving.toFixed(0)} | ${downloading.toFixed(0)} |`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}

async function main(): Promise<void> {
  const s3 = await startS3TestServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'panelist-bench-files-'));
  const env = { ...SECRETS, ...s3.env, DATA_DIR: dataDir, NODE_ENV: 'test' };
  const config = loadConfiguration({ ...env, STORAGE_DRIVER: 'local' });
  const configService = { get: (k: keyof AppConfig) => config[k] } as unknown as ConfigService<
    AppConfig,
    true
  >;
  const crypto = new CryptoService(configService);
  const local = new LocalEncryptedStorage(configService, crypto);
  const remote = new S3EncryptedStorage(buildStorageSettings(env).s3!, crypto);
  const rawFile = join(dataDir, 'raw.bin');
  const rows = [
    ...(await throughput('local', local, {
      put: () => pipeline(body(SIZE_MIB), createWriteStream(rawFile)),
      get: () => pipeline(createReadStream(rawFile), sink()),
    })),
    ...(await throughput('s3 (s3rver)', remote, {
      put: () =>
        new Upload({
          client: s3.client,
          params: { Bucket: S3_TEST_BUCKET, Key: 'raw/raw.bin', Body: body(SIZE_MIB) },
          partSize: 8 * MiB,
          queueSize: 2,
        }).done(),
      get: async () => {
        const got = await s3.client.send(
          new GetObjectCommand({ Bucket: S3_TEST_BUCKET, Key: 'raw/raw.bin' }),
        );
        await pipeline(got.Body as Readable, sink());
      },
    })),
  ];
  remote.client.destroy();
  const rss = await memoryWhileStreaming(s3.env);
  await s3.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(
    [
      `Throughput, ${SIZE_MIB} MiB (MiB/s):`,
      '| driver | direction | driver MiB/s | raw baseline MiB/s | driver/raw |',
      '|---|---|---|---|---|',
      ...rows,
      '',
      'API process VmRSS (MiB) while a presigned upload is moved into the store, then downloaded:',
      '| file | idle | peak while moving | peak while downloading |',
      '|---|---|---|---|',
      ...rss,
      '',
    ].join('\n'),
  );
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
