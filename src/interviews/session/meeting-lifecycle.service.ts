import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { QueueService } from '../../queue/queue.service';
import { InterviewAccessService } from '../interview-access.service';
import { InterviewRepository } from '../interview.repository';
import { InterviewEventsPublisher } from '../interview-events.publisher';
import { InterviewMailerService } from '../invitations/interview-mailer.service';
import { INTERVIEW_FINALISE_QUEUE } from '../interviews.queues';

// A live interview follows its video meeting (Zoom's meeting.started / meeting.ended webhooks),
// in the caller's transaction. Order-insensitive and idempotent: webhooks arrive late, twice or
// out of order, and an interview that is already past the step is left as it is.
@Injectable()
export class MeetingLifecycleService {
  constructor(
    private readonly access: InterviewAccessService,
    private readonly interviews: InterviewRepository,
    private readonly audit: AuditService,
    private readonly queue: QueueService,
    private readonly events: InterviewEventsPublisher,
    private readonly mailer: InterviewMailerService,
  ) {}

  async meetingStarted(manager: EntityManager, interviewId: string, at: Date): Promise<void> {
    const interview = await this.access.lock(manager, interviewId);
    if (interview.status !== 'Scheduled') {
      return;
    }
    await this.interviews.update(interviewId, { status: 'In Progress', startedAt: at }, manager);
    await this.audit.record(manager, {
      action: 'interview.started',
      targetType: 'interview',
      targetId: interviewId,
      metadata: { source: 'video_meeting' },
    });
  }

  async meetingEnded(
    manager: EntityManager,
    interviewId: string,
    startedAt: Date,
    endedAt: Date,
  ): Promise<void> {
    const interview = await this.access.lock(manager, interviewId);
    if (interview.status !== 'Scheduled' && interview.status !== 'In Progress') {
      return;
    }
    await this.interviews.update(
      interviewId,
      {
        status: 'Completed',
        startedAt: interview.startedAt ?? startedAt,
        completedAt: endedAt,
        resultsStatus: 'scoring',
      },
      manager,
    );
    await this.queue.enqueue(INTERVIEW_FINALISE_QUEUE, { interview_id: interviewId }, { manager });
    await this.audit.record(manager, {
      action: 'interview.completed',
      targetType: 'interview',
      targetId: interviewId,
      metadata: { source: 'video_meeting' },
    });
    await this.events.completed(manager, interview, endedAt);
    await this.mailer.completed(manager, interview, endedAt);
  }
}
