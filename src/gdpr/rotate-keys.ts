import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configurationModule } from '../config/namespaces';
import { CryptoModule } from '../crypto/crypto.module';
import { CryptoService } from '../crypto/crypto.service';
import { DatabaseModule } from '../database/database.module';
import { stopEmbeddedDatabase } from '../database/database-url.provider';
import { EncryptedValuesRepository } from './encrypted-values.repository';
import { FILE_STORAGE } from '../storage/file-storage';
import type { FileStorage } from '../storage/file-storage';
import { StorageModule } from '../storage/storage.module';
import { rotateEncryptionKeys } from './key-rotation';

// Only what rotation needs: configuration, the database (migrated), crypto and storage. No HTTP,
// no queue workers, no crons, so it can run beside live instances.
@Module({
  imports: [configurationModule(), DatabaseModule, CryptoModule, StorageModule],
  providers: [EncryptedValuesRepository],
})
class KeyRotationModule {}

// `npm run gdpr:rotate-keys`: put the new key first in PII_ENCRYPTION_KEYS (keeping the old ones
// after it), restart the app, run this, then drop the old keys. Safe to re-run; it resumes.
async function main(): Promise<void> {
  const logger = new Logger('KeyRotation');
  const app = await NestFactory.createApplicationContext(KeyRotationModule, {
    logger: ['log', 'warn', 'error'],
  });
  try {
    const report = await rotateEncryptionKeys(
      {
        values: app.get(EncryptedValuesRepository),
        crypto: app.get(CryptoService),
        storage: app.get<FileStorage>(FILE_STORAGE),
      },
      { log: (line) => logger.log(line) },
    );
    if (report.remaining > 0) {
      logger.error(`${report.remaining} values or files could not be re-encrypted`);
      process.exitCode = 1;
    }
  } finally {
    await app.close();
    await stopEmbeddedDatabase();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`Key rotation failed: ${error.message}\n`);
    process.exitCode = 1;
    void stopEmbeddedDatabase();
  });
}
