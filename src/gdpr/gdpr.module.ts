import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AuthModule } from '../auth/auth.module';
import { CandidatesModule } from '../candidates/candidates.module';
import { MailModule } from '../mail/mail.module';
import { GdprExport } from './entities/gdpr-export.entity';
import { GdprRequest } from './entities/gdpr-request.entity';
import { RetentionPolicy } from './entities/retention-policy.entity';
import { RetentionRun } from './entities/retention-run.entity';
import { EncryptedValuesRepository } from './encrypted-values.repository';
import { ErasureService } from './erasure/erasure.service';
import { DataExportService } from './exports/data-export.service';
import { GdprExportsRepository } from './exports/gdpr-exports.repository';
import { GdprExportsController } from './gdpr-exports.controller';
import { GdprRequestsController } from './gdpr-requests.controller';
import { GdprMailService } from './gdpr-mail.service';
import { GdprSubjectService } from './gdpr-subject.service';
import { GdprPersonalData } from './gdpr.personal-data';
import { GdprRequestsRepository } from './gdpr-requests.repository';
import { PersonalDataRegistry } from './personal-data/personal-data.registry';
import { PlaintextBackfillService } from './plaintext-backfill.service';
import { RetentionScheduler } from './retention/retention-scheduler';
import { RetentionRepository } from './retention/retention.repository';
import { RetentionService } from './retention/retention.service';
import { RetentionController } from './retention.controller';

// GDPR: export, erasure, retention, the personal-data registry and the backfill that encrypts
// legacy plaintext columns (see README.md). Key rotation is a separate script (rotate-keys.ts). Consent and audit routes live in their own modules.
@Module({
  imports: [
    TypeOrmModule.forFeature([GdprRequest, GdprExport, RetentionPolicy, RetentionRun]),
    DiscoveryModule,
    AuthModule,
    CandidatesModule,
    WebhooksModule,
    MailModule,
  ],
  // GdprRequestsController last: see the note on it.
  controllers: [GdprExportsController, RetentionController, GdprRequestsController],
  providers: [
    EncryptedValuesRepository,
    GdprRequestsRepository,
    GdprExportsRepository,
    RetentionRepository,
    PersonalDataRegistry,
    GdprSubjectService,
    GdprMailService,
    DataExportService,
    ErasureService,
    RetentionService,
    RetentionScheduler,
    GdprPersonalData,
    PlaintextBackfillService,
  ],
})
export class GdprModule {}
