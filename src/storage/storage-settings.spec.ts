import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfiguration } from '../config/configuration';
import { buildStorageSettings } from './storage-settings';

describe(buildStorageSettings.name, () => {
  it('keeps the local driver by default', () => {
    expect(buildStorageSettings({})).toEqual({ driver: 'local', s3: null });
  });

  it('reads the S3 settings, path style only when asked', () => {
    expect(
      buildStorageSettings({
        STORAGE_DRIVER: 's3',
        S3_BUCKET: 'files',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_FORCE_PATH_STYLE: 'true',
      }).s3,
    ).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      bucket: 'files',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      forcePathStyle: true,
    });
  });

  it('refuses an S3 driver without a bucket, or with half the credentials', () => {
    expect(() => buildStorageSettings({ STORAGE_DRIVER: 's3' })).toThrow(/S3_BUCKET is required/);
    expect(() =>
      buildStorageSettings({ STORAGE_DRIVER: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'id' }),
    ).toThrow(/set together/);
  });
});

// Instances that share nothing but PostgreSQL and S3 must share their keys: with the S3 driver
// nothing is generated into a file on one machine.
describe('secrets with STORAGE_DRIVER=s3', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'panelist-s3-secrets-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to generate them and names the missing ones', () => {
    const env = {
      NODE_ENV: 'development',
      DATA_DIR: join(dir, 'data'),
      XDG_CONFIG_HOME: join(dir, 'config'),
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'files',
    };
    expect(() => loadConfiguration(env)).toThrow(
      /JWT_SECRET, PII_ENCRYPTION_KEYS, BLIND_INDEX_KEY must be set when STORAGE_DRIVER=s3/,
    );
    expect(existsSync(join(dir, 'config'))).toBe(false);
  });
});
