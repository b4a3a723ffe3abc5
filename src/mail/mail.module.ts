import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailDeliveryService } from './delivery/mail-delivery.service';
import { EmailTemplatesController } from './email-templates.controller';
import { MailMessage } from './entities/mail-message.entity';
import { MailPreference } from './entities/mail-preference.entity';
import { MailTemplate } from './entities/mail-template.entity';
import { MailAdminController } from './mail-admin.controller';
import { MailMetrics } from './mail-metrics';
import { MailPersonalData } from './mail.personal-data';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';
import { MailTemplatesService } from './templates/mail-templates.service';
import { UnsubscribeController } from './unsubscribe.controller';

// Infrastructure: the outbox, templates and SMTP delivery. Feature modules call
// MailService.enqueue(manager, …) inside their own transactions; this module imports none of them.
@Module({
  imports: [TypeOrmModule.forFeature([MailMessage, MailTemplate, MailPreference])],
  controllers: [MailAdminController, EmailTemplatesController, UnsubscribeController],
  providers: [
    MailRepository,
    MailService,
    MailTemplatesService,
    MailDeliveryService,
    MailMetrics,
    MailPersonalData,
  ],
  exports: [MailService, MailTemplatesService],
})
export class MailModule {}
