import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApplicationLookupService } from '../candidates/application-lookup.service';
import { BadRequestProblem } from '../common/errors/domain.exception';
import { JobsService } from '../jobs/jobs.service';
import { MailService } from '../mail/mail.service';
import type { RejectionEmailDto } from './dto/application-action.dto';
import type { RejectionReasonType } from './entities/rejection-reason.entity';

const eventPrefix = (applicationId: string): string => `application_rejected:${applicationId}:`;

// The reason the note is worded for: its type lets one template speak differently to a person who
// withdrew ("they_rejected") than to one we turned down, through {{#if candidate_declined}}.
export interface RejectionMailReason {
  name: string;
  type: RejectionReasonType;
}

// The application as the pipeline hands it to a planned move (its current state).
export interface ApplicationUnderMove {
  id: string;
  jobId: string;
  candidateId: string;
  stage: string;
  rejectedFromStage: string | null;
}

// The rejection note, only when the reject action asks for it: now, or at send_at. Un-rejecting
// before it leaves withdraws it (cancel), in the same transaction as the stage change.
@Injectable()
export class RejectionMailService {
  constructor(
    private readonly mail: MailService,
    private readonly applications: ApplicationLookupService,
    private readonly jobs: JobsService,
  ) {}

  validate(request: RejectionEmailDto | undefined): Date | undefined {
    if (!request) {
      return undefined;
    }
    if (request.template && request.template !== 'application_rejected') {
      throw new BadRequestProblem(
        'UNKNOWN_TEMPLATE',
        'send_email.template must be application_rejected',
        [{ field: 'send_email.template', message: 'must be application_rejected' }],
      );
    }
    return request.send_at ? new Date(request.send_at) : undefined;
  }

  async queue(
    manager: EntityManager,
    application: ApplicationUnderMove,
    sendAt: Date | undefined,
    reason: RejectionMailReason,
  ): Promise<void> {
    const { email: to, name } = await this.applications.recipientOf(application.id, manager);
    if (!to) {
      return;
    }
    const job = await this.jobs.getJob(application.jobId, manager);
    await this.mail.enqueue(manager, {
      template: 'application_rejected',
      to,
      eventKey: `${eventPrefix(application.id)}${Date.now()}`,
      category: 'essential',
      jobId: application.jobId,
      sendAt,
      subject: { candidateId: application.candidateId },
      variables: {
        recipient_name: name ?? '',
        job_title: job.title,
        company: job.company ?? '',
        reason: reason.name,
        reason_type: reason.type,
        candidate_declined: reason.type === 'they_rejected' ? 'yes' : null,
      },
    });
  }

  cancel(manager: EntityManager, applicationId: string): Promise<number> {
    return this.mail.cancelPending(manager, eventPrefix(applicationId));
  }
}
