import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ConfigType } from '@nestjs/config';
import type { AppConfig } from '../config/app-config';
import { environmentConfig } from '../config/namespaces';
import { CryptoService } from '../crypto/crypto.service';
import { FILE_STORAGE } from './file-storage';
import type { FileStorage } from './file-storage';
import { LocalEncryptedStorage } from './local-encrypted.storage';
import { S3EncryptedStorage } from './s3-encrypted.storage';
import { buildStorageSettings, STORAGE_SETTINGS } from './storage-settings';
import type { StorageSettings } from './storage-settings';

// FILE_STORAGE: the local driver (default) or the S3 driver (STORAGE_DRIVER=s3). Every caller
// goes through the port; nothing else names a driver.
@Global()
@Module({
  providers: [
    {
      provide: STORAGE_SETTINGS,
      inject: [environmentConfig.KEY],
      useFactory: (environment: ConfigType<typeof environmentConfig>): StorageSettings =>
        buildStorageSettings(environment),
    },
    {
      provide: FILE_STORAGE,
      inject: [STORAGE_SETTINGS, ConfigService, CryptoService],
      useFactory: (
        settings: StorageSettings,
        config: ConfigService<AppConfig, true>,
        crypto: CryptoService,
      ): FileStorage =>
        settings.s3
          ? new S3EncryptedStorage(settings.s3, crypto)
          : new LocalEncryptedStorage(config, crypto),
    },
  ],
  exports: [FILE_STORAGE, STORAGE_SETTINGS],
})
export class StorageModule {}
