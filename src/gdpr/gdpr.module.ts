import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AuthModule } from '../auth/auth.module';
import { CandidatesModule } from '../candidates/candidates.module';
import { MailModule } from '../mail/mail.module';
import { ErasureService } from './erasure/erasure.service';
import { DataExportService } from './exports/data-export.service';
import { GdprExportsController } from './gdpr-exports.controller';
import { GdprRequestsController } from './gdpr-requests.controller';
import { GdprMailService } from './gdpr-mail.service';
import { GdprSubjectService } from './gdpr-subject.service';
import { GdprPersonalData } from './gdpr.personal-data';
import { PersonalDataRegistry } from './personal-data/personal-data.registry';
import { PlaintextBackfillService } from './plaintext-backfill.service';
import { RetentionScheduler } from './retention/retention-scheduler';
import { RetentionService } from './retention/retention.service';
import { RetentionController } from './retention.controller';

// GDPR: export, erasure, retention, the personal-data registry and the backfill that encrypts
// legacy plaintext columns (see README.md). Key rotation is a separate script (rotate-keys.ts). Consent and audit routes live in their own modules.
@Module({
  imports: [DiscoveryModule, AuthModule, CandidatesModule, WebhooksModule, MailModule],
  // GdprRequestsController last: see the note on it.
  controllers: [GdprExportsController, RetentionController, GdprRequestsController],
  providers: [
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
