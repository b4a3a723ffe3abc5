import { Module } from '@nestjs/common';
import { UploadQuotaWindowsRepository } from './upload-quota-windows.repository';
import { UploadQuotaService } from './upload-quota.service';

// Imported by the modules that store uploads (résumés, applications, media).
@Module({
  providers: [UploadQuotaWindowsRepository, UploadQuotaService],
  exports: [UploadQuotaService],
})
export class UploadQuotaModule {}
