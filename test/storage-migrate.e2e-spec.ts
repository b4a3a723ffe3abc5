import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AppConfig } from '../src/config/app-config';
import { loadConfiguration } from '../src/config/configuration';
import { CryptoService } from '../src/crypto/crypto.service';
import { LocalEncryptedStorage } from '../src/storage/local-encrypted.storage';
import { S3EncryptedStorage } from '../src/storage/s3-encrypted.storage';
import { buildStorageSettings } from '../src/storage/storage-settings';
import { S3_TEST_BUCKET, S3TestServer, startS3TestServer } from './support/s3-test-server';
import { DIST, spawnNode } from './support/server-process';
import { TEST_SECRETS } from './support/test-app';

jest.setTimeout(120_000);

// `npm run storage:migrate` as a real process: local files (streamed and earlier whole-file
// layouts) into s3rver, each verified by checksum; a second run copies nothing; a damaged copy
// in the bucket is copied again.
describe('npm run storage:migrate (e2e, s3rver)', () => {
  let s3: S3TestServer;
  let dataDir: string;
  let env: Record<string, string>;
  let local: LocalEncryptedStorage;
  let remote: S3EncryptedStorage;
  const files = new Map<string, Buffer>();

  const migrate = async () => {
    const run = spawnNode(join(DIST, 'storage', 'migrate-to-s3.js'), env);
    const status = await run.exited;
    return { code: status.code, output: run.output() };
  };

  beforeAll(async () => {
    s3 = await startS3TestServer();
    dataDir = mkdtempSync(join(tmpdir(), 'panelist-migrate-'));
    env = { ...TEST_SECRETS, ...s3.env, STORAGE_DRIVER: 'local', DATA_DIR: dataDir };
    const config = loadConfiguration({ ...env, NODE_ENV: 'test' });
    const configService = {
      get: (name: keyof AppConfig) => config[name],
    } as unknown as ConfigService<AppConfig, true>;
    const crypto = new CryptoService(configService);
    local = new LocalEncryptedStorage(configService, crypto);
    remote = new S3EncryptedStorage(
      buildStorageSettings({ ...env, STORAGE_DRIVER: 's3' }).s3!,
      crypto,
    );
    for (const size of [0, 1000, 300_000]) {
      const key = local.newKey('resume');
      files.set(key, randomBytes(size));
      await local.put(key, files.get(key)!);
    }
    // A file written whole by an earlier release (PNLF1).
    const legacyKey = local.newKey('media');
    files.set(legacyKey, randomBytes(50_000));
    const path = local.pathFor(legacyKey);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, crypto.encryptBuffer(files.get(legacyKey)!, `file:${legacyKey}`));
  });

  afterAll(async () => {
    remote?.client.destroy();
    await s3?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies every local file into the bucket and proves each copy', async () => {
    const first = await migrate();
    expect(first.output).toContain('4 copied, 0 already there, 0 failed');
    expect(first.code).toBe(0);
    expect((await s3.list('files/')).sort()).toEqual(
      [...files.keys()].map((k) => `files/${k}`).sort(),
    );
    for (const [key, data] of files) {
      expect((await remote.get(key))!.equals(data)).toBe(true);
    }
  });

  it('is safe to re-run: nothing is copied twice, a damaged copy is replaced', async () => {
    const second = await migrate();
    expect(second.output).toContain('0 copied, 4 already there, 0 failed');
    const [damaged] = files.keys();
    await s3.client.send(
      new PutObjectCommand({ Bucket: S3_TEST_BUCKET, Key: `files/${damaged}`, Body: 'garbage' }),
    );
    const third = await migrate();
    expect(third.output).toContain('1 copied, 3 already there, 0 failed');
    expect((await remote.get(damaged))!.equals(files.get(damaged)!)).toBe(true);
  });
});
