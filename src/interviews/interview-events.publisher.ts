import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AtsEventsService } from '../webhooks/ats-events.service';
import type { Interview } from './entities/interview.entity';

// Outbound webhook events for screening interviews, in the caller's transaction. Ids and times
// only: receivers fetch anything else through the API. Practice interviews are private.
@Injectable()
export class InterviewEventsPublisher {
  constructor(private readonly ats: AtsEventsService) {}

  async scheduled(manager: EntityManager, interview: Interview): Promise<void> {
    if (interview.kind !== 'screening') {
      return;
    }
    await this.ats.emit(manager, 'interview.scheduled', {
      interview_id: interview.id,
      application_id: interview.applicationId,
      job_id: interview.jobId,
      candidate_id: interview.candidateId,
      mode: interview.mode,
      scheduled_at: interview.scheduledAt.toISOString(),
      duration_minutes: interview.durationMinutes,
    });
  }

  async completed(manager: EntityManager, interview: Interview, completedAt: Date): Promise<void> {
    if (interview.kind !== 'screening') {
      return;
    }
    await this.ats.emit(manager, 'interview.completed', {
      interview_id: interview.id,
      application_id: interview.applicationId,
      job_id: interview.jobId,
      candidate_id: interview.candidateId,
      completed_at: completedAt.toISOString(),
    });
  }
}
