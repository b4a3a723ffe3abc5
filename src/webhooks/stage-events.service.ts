import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth/policy.decorators';
import { AtsEventsService } from './ats-events.service';
import type { WebhookPayload } from './webhook-events';

// What a stage event reports of the application, as it is after the change.
export interface ApplicationStageSnapshot {
  id: string;
  jobId: string;
  candidateId: string;
  stage: string;
  status: string;
  stageEnteredAt: Date;
  rejectionReasonId: string | null;
  hiredAt: Date | null;
}

// Every transition emits application.stage_changed; rejections and hires also emit their own
// event, so a receiver can subscribe to just the outcome it cares about.
@Injectable()
export class StageEventsService {
  constructor(private readonly events: AtsEventsService) {}

  async stageChanged(
    manager: EntityManager,
    application: ApplicationStageSnapshot,
    before: { stage: string; status: string },
    actor: AuthUser | null,
  ): Promise<void> {
    const payload: WebhookPayload = {
      application_id: application.id,
      job_id: application.jobId,
      candidate_id: application.candidateId,
      from_stage: before.stage,
      to_stage: application.stage,
      from_status: before.status,
      to_status: application.status,
      actor_id: actor?.id ?? null,
      changed_at: application.stageEnteredAt.toISOString(),
    };
    await this.events.emit(manager, 'application.stage_changed', payload);
    if (application.stage === 'rejected') {
      await this.events.emit(manager, 'application.rejected', {
        ...payload,
        rejection_reason_id: application.rejectionReasonId,
      });
    } else if (application.stage === 'hired') {
      await this.events.emit(manager, 'application.hired', {
        ...payload,
        hired_at: application.hiredAt ? application.hiredAt.toISOString() : null,
      });
    }
  }
}
