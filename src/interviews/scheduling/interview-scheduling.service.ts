import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { BadRequestProblem, ConflictProblem } from '../../common/errors/domain.exception';
import {
  ApplicationLifecycleService,
  PipelineService,
  stageForStatus,
  TERMINAL_STAGES,
} from '../../pipeline';
import { QuestionBankService } from '../../questions/question-bank.service';
import { QueueService } from '../../queue/queue.service';
import {
  CancelInterviewDto,
  RescheduleInterviewDto,
  ScheduleInterviewDto,
} from '../dto/schedule-interview.dto';
import { Transactions } from '../../database/transactions';
import { InterviewAccessService } from '../interview-access.service';
import { InterviewRepository } from '../interview.repository';
import { InterviewEventsPublisher } from '../interview-events.publisher';
import { InterviewMeetingQueryService } from '../interview-meeting-query.service';
import { VIDEO_MEETING_CREATE_QUEUE, VIDEO_MEETING_SYNC_QUEUE } from '../interviews.queues';
import { InterviewResponse, presentInterview } from '../interview.presenter';
import { InterviewMailerService } from '../invitations/interview-mailer.service';
import { askedCopies } from './asked-question';

const DEFAULT_QUESTION_COUNT = 5;
// A start time a few minutes in the past is a clock difference, not a mistake.
const PAST_TOLERANCE_MS = 5 * 60_000;

// Screening interviews: scheduling (which moves the application to its Interview Scheduled
// stage), rescheduling and cancelling. Each change bumps the invitation's SEQUENCE.
@Injectable()
export class InterviewSchedulingService {
  constructor(
    private readonly transactions: Transactions,
    private readonly interviews: InterviewRepository,
    private readonly access: InterviewAccessService,
    private readonly lifecycle: ApplicationLifecycleService,
    private readonly pipeline: PipelineService,
    private readonly bank: QuestionBankService,
    private readonly audit: AuditService,
    private readonly events: InterviewEventsPublisher,
    private readonly queue: QueueService,
    private readonly meetings: InterviewMeetingQueryService,
    private readonly mailer: InterviewMailerService,
  ) {}

  async schedule(actor: AuthUser, dto: ScheduleInterviewDto): Promise<InterviewResponse> {
    if (dto.question_ids && dto.question_count !== undefined) {
      throw new BadRequestProblem(
        'AMBIGUOUS_QUESTIONS',
        'Send question_ids or question_count, not both',
        [
          {
            field: 'question_count',
            message: 'question_count cannot be combined with question_ids',
          },
        ],
      );
    }
    const scheduledAt = this.futureDate(dto.scheduled_at);
    const interview = await this.transactions.run(async (manager) => {
      const application = await this.lifecycle.lockApplication(manager, dto.application_id);
      if (TERMINAL_STAGES.has(application.stage)) {
        throw new ConflictProblem(
          'APPLICATION_CLOSED',
          `The application is ${application.stage}; it cannot be interviewed`,
        );
      }
      const questions = await this.bank.pickApproved(manager, application.jobId, {
        ids: dto.question_ids,
        count: dto.question_count ?? DEFAULT_QUESTION_COUNT,
      });
      const entity = await this.interviews.insert(
        {
          id: randomUUID(),
          kind: 'screening',
          mode: dto.mode,
          status: 'Scheduled',
          applicationId: application.id,
          jobId: application.jobId,
          candidateId: application.candidateId,
          track: null,
          trackHash: null,
          difficulty: null,
          scheduledAt,
          durationMinutes: dto.duration_minutes ?? 30,
          video: dto.video ?? 'none',
          questionCount: questions.length,
          sequence: 0,
          resultsStatus: 'not_started',
          fraudSignals: [],
          scheduledBy: actor.id,
          createdAt: new Date(),
        },
        manager,
      );
      await this.interviews.insertQuestions(askedCopies(entity.id, questions), manager);
      await this.moveToInterviewStage(manager, application.id, actor);
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'interview.scheduled',
        targetType: 'interview',
        targetId: entity.id,
        metadata: { application_id: application.id, questions: questions.length, mode: dto.mode },
      });
      await this.events.scheduled(manager, entity);
      if (entity.video !== 'none') {
        // The video module opens the meeting once this commits; GET shows it under `meeting`.
        await this.queue.enqueue(
          VIDEO_MEETING_CREATE_QUEUE,
          { interview_id: entity.id },
          { manager },
        );
      }
      const saved = await this.interviews.findByIdOrFail(entity.id, manager);
      await this.mailer.invited(manager, saved);
      return saved;
    });
    return presentInterview(interview, true);
  }

  async reschedule(
    actor: AuthUser,
    id: string,
    dto: RescheduleInterviewDto,
  ): Promise<InterviewResponse> {
    if (Object.values(dto).every((v) => v === undefined)) {
      throw new BadRequestProblem('NOTHING_TO_CHANGE', 'Send at least one field to change');
    }
    const interview = await this.transactions.run(async (manager) => {
      const current = await this.access.lock(manager, id);
      if (current.status !== 'Scheduled') {
        throw new ConflictProblem(
          'INTERVIEW_NOT_RESCHEDULABLE',
          `Only a Scheduled interview can be changed; this one is ${current.status}`,
        );
      }
      await this.interviews.update(
        id,
        {
          ...(dto.scheduled_at ? { scheduledAt: this.futureDate(dto.scheduled_at) } : {}),
          ...(dto.duration_minutes ? { durationMinutes: dto.duration_minutes } : {}),
          ...(dto.mode ? { mode: dto.mode } : {}),
          ...(dto.video ? { video: dto.video } : {}),
          sequence: current.sequence + 1,
        },
        manager,
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'interview.rescheduled',
        targetType: 'interview',
        targetId: id,
        metadata: { sequence: current.sequence + 1 },
      });
      // The video meeting (if any) follows the interview; a no-op job when there is none.
      await this.queue.enqueue(VIDEO_MEETING_SYNC_QUEUE, { interview_id: id }, { manager });
      const saved = await this.interviews.findByIdOrFail(id, manager);
      await this.mailer.rescheduled(manager, saved);
      return saved;
    });
    return presentInterview(interview, true, await this.meetings.forInterview(id, true));
  }

  async cancel(actor: AuthUser, id: string, dto: CancelInterviewDto): Promise<InterviewResponse> {
    const interview = await this.transactions.run(async (manager) => {
      const current = await this.access.lock(manager, id);
      if (current.status === 'Cancelled') {
        return current;
      }
      if (current.status === 'Completed') {
        throw new ConflictProblem(
          'INTERVIEW_COMPLETED',
          'A completed interview cannot be cancelled',
        );
      }
      await this.interviews.update(
        id,
        {
          status: 'Cancelled',
          cancelledAt: new Date(),
          cancelReason: dto.reason?.trim() || null,
          sequence: current.sequence + 1,
        },
        manager,
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'interview.cancelled',
        targetType: 'interview',
        targetId: id,
        metadata: { previous_status: current.status },
      });
      await this.queue.enqueue(VIDEO_MEETING_SYNC_QUEUE, { interview_id: id }, { manager });
      const saved = await this.interviews.findByIdOrFail(id, manager);
      await this.mailer.cancelled(manager, saved);
      return saved;
    });
    return presentInterview(interview, true, await this.meetings.forInterview(id, true));
  }

  // The first stage whose status is Interview Scheduled, unless the application is already
  // there or further along its pipeline. Joins the scheduling transaction, whose first step took
  // the same locks (lockApplication).
  private async moveToInterviewStage(
    manager: EntityManager,
    applicationId: string,
    actor: AuthUser,
  ): Promise<void> {
    await this.lifecycle.moveToStage(
      actor,
      applicationId,
      async (current, tx) => {
        const stages = await this.pipeline.workingStages(current.jobId, tx);
        const target = stageForStatus(stages, 'Interview Scheduled');
        const targetIndex = target ? stages.findIndex((s) => s.key === target.key) : -1;
        const currentIndex = stages.findIndex((s) => s.key === current.stage);
        return target && targetIndex >= 0 && currentIndex >= 0 && currentIndex < targetIndex
          ? { toStage: target.key, options: { reason: 'Interview scheduled' } }
          : null;
      },
      { manager },
    );
  }

  private futureDate(value: string): Date {
    const date = new Date(value);
    if (Number.isNaN(date.getTime()) || date.getTime() < Date.now() - PAST_TOLERANCE_MS) {
      throw new BadRequestProblem('SCHEDULED_IN_PAST', 'scheduled_at must not be in the past', [
        { field: 'scheduled_at', message: 'scheduled_at must be now or later' },
      ]);
    }
    return date;
  }
}
