import { Global, Module } from '@nestjs/common';
import { CryptoService } from './crypto.service';
import { EncryptedColumnsSubscriber } from './encrypted-columns.subscriber';

@Global()
@Module({
  providers: [CryptoService, EncryptedColumnsSubscriber],
  exports: [CryptoService],
})
export class CryptoModule {}
