import { Global, Module } from '@nestjs/common';
import { FILE_STORAGE } from './file-storage';
import { LocalEncryptedStorage } from './local-encrypted.storage';

@Global()
@Module({
  providers: [LocalEncryptedStorage, { provide: FILE_STORAGE, useExisting: LocalEncryptedStorage }],
  exports: [FILE_STORAGE],
})
export class StorageModule {}
