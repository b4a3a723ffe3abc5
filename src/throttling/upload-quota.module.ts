import { Module } from '@nestjs/common';
import { UploadQuotaService } from './upload-quota.service';

// Imported by the modules that store uploads (résumés, applications, media).
@Module({
  providers: [UploadQuotaService],
  exports: [UploadQuotaService],
})
export class UploadQuotaModule {}
