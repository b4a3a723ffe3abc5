type Env = Record<string, string | undefined>;

export interface S3Settings {
  endpoint: string | null;
  region: string;
  bucket: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  forcePathStyle: boolean;
}

export interface StorageSettings {
  driver: 'local' | 's3';
  s3: S3Settings | null;
}

export const STORAGE_SETTINGS = Symbol('STORAGE_SETTINGS');

// STORAGE_DRIVER=local (default: encrypted files under DATA_DIR) or s3 (any S3-compatible service,
// S3_*). Read once at start-up; an s3 driver without a bucket refuses to start.
export function buildStorageSettings(env: Env): StorageSettings {
  const driver = env.STORAGE_DRIVER || 'local';
  if (driver !== 'local' && driver !== 's3') {
    throw new Error('Invalid configuration: STORAGE_DRIVER must be local or s3');
  }
  if (driver === 'local') {
    return { driver, s3: null };
  }
  if (!env.S3_BUCKET) {
    throw new Error('Invalid configuration: S3_BUCKET is required when STORAGE_DRIVER=s3');
  }
  if (!!env.S3_ACCESS_KEY_ID !== !!env.S3_SECRET_ACCESS_KEY) {
    throw new Error(
      'Invalid configuration: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together or not at all',
    );
  }
  return {
    driver,
    s3: {
      endpoint: env.S3_ENDPOINT || null,
      region: env.S3_REGION || 'us-east-1',
      bucket: env.S3_BUCKET,
      accessKeyId: env.S3_ACCESS_KEY_ID || null,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY || null,
      forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    },
  };
}
