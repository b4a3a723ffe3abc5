import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app-config';
import { loadConfigurationWith } from '../config/configuration';
import { CryptoService } from '../crypto/crypto.service';
import { LocalEncryptedStorage } from './local-encrypted.storage';
import { S3EncryptedStorage } from './s3-encrypted.storage';
import { buildStorageSettings } from './storage-settings';
import { migrateFiles } from './storage-migration';

// `npm run storage:migrate`: copies the encrypted files under DATA_DIR/files into the S3 bucket
// of S3_* (STORAGE_DRIVER=s3 is implied), verifying each by checksum; safe to re-run. The keys
// (PII_ENCRYPTION_KEYS) must be the ones the files were written with. Switch the instances to
// STORAGE_DRIVER=s3 afterwards; the local files can be removed once the report shows 0 failed.
async function main(): Promise<void> {
  const config = loadConfigurationWith({ STORAGE_DRIVER: 's3' });
  const settings = buildStorageSettings(config.environment);
  const configService = {
    get: (name: keyof AppConfig) => config[name],
  } as unknown as ConfigService<AppConfig, true>;
  const crypto = new CryptoService(configService);
  const local = new LocalEncryptedStorage(configService, crypto);
  const s3 = new S3EncryptedStorage(settings.s3!, crypto);
  await s3.check();
  const report = await migrateFiles(local, s3, (line) => process.stdout.write(`${line}\n`));
  s3.client.destroy();
  if (report.failed.length > 0) {
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`Storage migration failed: ${error.message}\n`);
    process.exitCode = 1;
  });
}
