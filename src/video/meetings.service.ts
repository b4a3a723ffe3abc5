import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { isStaff } from '../common/auth/role';
import {
  BadRequestProblem,
  ConflictProblem,
  NotFoundProblem,
} from '../common/errors/domain.exception';
import type { Page } from '../common/pagination/cursor';
import { ConsentService } from '../consent/consent.service';
import { InterviewAccessService } from '../interviews/interview-access.service';
import { JobsService } from '../jobs/jobs.service';
import { Transactions } from '../database/transactions';
import { QueueJob } from '../queue/queue-job.decorator';
import { QueueService } from '../queue/queue.service';
import { CreateMeetingDto, MeetingQueryDto } from './dto/meeting.dto';
import { VideoMeeting } from './entities/video-meeting.entity';
import type { MeetingInterview } from './meeting-interview';
import { MeetingResponse, presentMeeting } from './meeting.presenter';
import { MeetingsRepository } from './meetings.repository';
import type { VideoProvider } from './video-provider';
import { VideoProviderRegistry } from './video-provider.registry';
import { VIDEO_MEETING_CREATE_QUEUE, VIDEO_MEETING_SYNC_QUEUE } from './video.queues';
import type { MeetingCreateJob, MeetingSyncJob } from './video.queues';

// A start time a few minutes in the past is a clock difference, not a mistake.
const PAST_TOLERANCE_MS = 5 * 60_000;

interface OpenedMeeting {
  provider: VideoProvider;
  record: boolean;
  meeting: VideoMeeting;
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505'
  );
}

// Meetings for interviews: created at the configured provider, stored encrypted, and kept in
// step with the interview (reschedule → update, cancel → delete) by the meeting-sync job.
@Injectable()
export class MeetingsService {
  private readonly logger = new Logger('VideoMeetings');

  constructor(
    private readonly transactions: Transactions,
    private readonly meetings: MeetingsRepository,
    private readonly access: InterviewAccessService,
    private readonly providers: VideoProviderRegistry,
    private readonly consent: ConsentService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly queue: QueueService,
  ) {}

  async create(actor: AuthUser, dto: CreateMeetingDto): Promise<MeetingResponse> {
    const interview = await this.access.loadForViewer(actor, dto.interview_id);
    if (interview.status === 'Completed' || interview.status === 'Cancelled') {
      throw new ConflictProblem('INTERVIEW_CLOSED', `The interview is ${interview.status}`);
    }
    await this.assertNoActiveMeeting(interview.id);
    const startTime = new Date(dto.start_time);
    if (startTime.getTime() < Date.now() - PAST_TOLERANCE_MS) {
      throw new BadRequestProblem('START_TIME_IN_PAST', 'start_time must not be in the past', [
        { field: 'start_time', message: 'start_time must be now or later' },
      ]);
    }
    const opened = await this.openAtProvider(interview, {
      topic: dto.topic?.trim() || (await this.defaultTopic(interview)),
      startTime,
      durationMinutes: dto.duration_minutes,
      createdBy: actor.id,
    });
    try {
      await this.transactions.run(async (manager) => {
        await this.meetings.insert(opened.meeting, manager);
        await this.audit.record(manager, {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'video.meeting_created',
          targetType: 'interview',
          targetId: interview.id,
          metadata: {
            meeting_id: opened.meeting.id,
            provider: opened.provider.name,
            recorded: opened.record,
          },
        });
      });
    } catch (error) {
      // Another request won the race for this interview: do not leave an orphan at the vendor.
      await this.discardAtProvider(opened);
      throw isUniqueViolation(error) ? this.meetingExists(interview.id) : error;
    }
    return presentMeeting(await this.reload(opened.meeting.id), true);
  }

  // The 'video-meeting-create' job, enqueued when an interview is scheduled with video 'zoom' or
  // 'webrtc'. Done, without a vendor call, when the interview already has an active meeting (a
  // re-run, or one a recruiter created by hand), wants no video or is no longer Scheduled.
  async createForInterview(interviewId: string): Promise<void> {
    const interview = await this.access.find(interviewId);
    if (!interview || interview.video === 'none' || interview.status !== 'Scheduled') {
      return;
    }
    if (await this.activeMeeting(interviewId)) {
      return;
    }
    const opened = await this.openAtProvider(interview, {
      topic: await this.defaultTopic(interview),
      startTime: interview.scheduledAt,
      durationMinutes: interview.durationMinutes,
      createdBy: interview.scheduledBy,
    });
    let stored = false;
    try {
      stored = await this.transactions.run(async (manager) => {
        // Under the interview's row lock: a cancel or reschedule that committed while the vendor
        // was called ran its sync job against no meeting, so it is applied here instead.
        const current = await this.access.lock(manager, interviewId);
        if (current.status !== 'Scheduled') {
          return false;
        }
        await this.meetings.insert(opened.meeting, manager);
        await this.audit.record(manager, {
          action: 'video.meeting_created',
          targetType: 'interview',
          targetId: interviewId,
          metadata: {
            meeting_id: opened.meeting.id,
            provider: opened.provider.name,
            recorded: opened.record,
            source: 'interview_scheduled',
          },
        });
        const moved =
          current.scheduledAt.getTime() !== interview.scheduledAt.getTime() ||
          current.durationMinutes !== interview.durationMinutes;
        if (moved) {
          await this.queue.enqueue(
            VIDEO_MEETING_SYNC_QUEUE,
            { interview_id: interviewId },
            { manager },
          );
        }
        return true;
      });
    } catch (error) {
      await this.discardAtProvider(opened);
      // A concurrent run or a recruiter's POST stored the interview's meeting first: done.
      if (isUniqueViolation(error)) {
        return;
      }
      throw error;
    }
    if (!stored) {
      await this.discardAtProvider(opened);
    }
  }

  @QueueJob(VIDEO_MEETING_CREATE_QUEUE)
  onCreateJob(data: MeetingCreateJob): Promise<void> {
    return this.createForInterview(data.interview_id);
  }

  @QueueJob(VIDEO_MEETING_SYNC_QUEUE)
  onSyncJob(data: MeetingSyncJob): Promise<void> {
    return this.syncWithInterview(data.interview_id);
  }

  async list(query: MeetingQueryDto): Promise<Page<MeetingResponse>> {
    return this.meetings.page(
      { interviewId: query.interview_id, status: query.status },
      query,
      (m) => presentMeeting(m, true),
    );
  }

  // Its interview's candidate (without the host link) or staff; anyone else gets 404.
  async get(viewer: AuthUser, id: string): Promise<MeetingResponse> {
    const { meeting } = await this.loadForParticipant(viewer, id);
    return presentMeeting(meeting, isStaff(viewer.role));
  }

  async loadForParticipant(
    viewer: AuthUser,
    id: string,
  ): Promise<{ meeting: VideoMeeting; interview: MeetingInterview }> {
    const meeting = await this.meetings.findById(id);
    if (!meeting) {
      throw new NotFoundProblem('Meeting');
    }
    try {
      return { meeting, interview: await this.access.loadForViewer(viewer, meeting.interviewId) };
    } catch (error) {
      // Someone else's interview: the meeting does not exist for this viewer.
      throw error instanceof NotFoundProblem ? new NotFoundProblem('Meeting') : error;
    }
  }

  // The 'video-meeting-sync' job: bring the interview's meeting in line with the interview.
  // Re-running it is harmless: it compares before it calls the vendor.
  async syncWithInterview(interviewId: string): Promise<void> {
    const meeting = await this.meetings.findActiveForInterview(interviewId);
    const interview = meeting ? await this.access.find(interviewId) : null;
    if (!meeting || !interview) {
      return;
    }
    const provider = this.providers.byName(meeting.provider);
    try {
      if (interview.status === 'Cancelled') {
        await provider.deleteMeeting(meeting.externalId);
        await this.transactions.run(async (manager) => {
          await this.meetings.update(
            meeting.id,
            { status: 'cancelled', cancelledAt: new Date(), syncError: null },
            manager,
          );
          await this.audit.record(manager, {
            action: 'video.meeting_cancelled',
            targetType: 'interview',
            targetId: interviewId,
            metadata: { meeting_id: meeting.id, provider: meeting.provider },
          });
        });
        return;
      }
      if (meeting.status !== 'scheduled') {
        return;
      }
      const record =
        meeting.provider === 'zoom' && (await this.consent.has(interview.candidateId, 'recording'));
      const unchanged =
        meeting.startTime.getTime() === interview.scheduledAt.getTime() &&
        meeting.durationMinutes === interview.durationMinutes &&
        (meeting.autoRecording === 'cloud') === record;
      if (unchanged) {
        return;
      }
      const change = {
        startTime: interview.scheduledAt,
        durationMinutes: interview.durationMinutes,
        record,
      };
      await provider.updateMeeting(meeting.externalId, change);
      await this.meetings.update(meeting.id, {
        startTime: change.startTime,
        durationMinutes: change.durationMinutes,
        autoRecording: record ? 'cloud' : 'none',
        syncError: null,
      });
    } catch (error) {
      // Kept visible on the row; the job is retried with back-off by the queue.
      await this.meetings.update(meeting.id, {
        syncError: (error as Error).message.slice(0, 500),
      });
      throw error;
    }
  }

  private async assertNoActiveMeeting(interviewId: string): Promise<void> {
    const existing = await this.activeMeeting(interviewId);
    if (existing) {
      throw this.meetingExists(interviewId, existing.id);
    }
  }

  private activeMeeting(interviewId: string): Promise<VideoMeeting | null> {
    return this.meetings.findActiveForInterview(interviewId);
  }

  // Creates the meeting at the interview's provider and builds its (not yet stored) row.
  private async openAtProvider(
    interview: MeetingInterview,
    spec: { topic: string; startTime: Date; durationMinutes: number; createdBy: string | null },
  ): Promise<OpenedMeeting> {
    const provider = this.providers.forInterview(interview.video);
    // No recorded meeting without the candidate's `recording` consent (API.md GDPR).
    const record =
      provider.name === 'zoom' && (await this.consent.has(interview.candidateId, 'recording'));
    const id = randomUUID();
    const created = await provider.createMeeting({
      meetingId: id,
      topic: spec.topic,
      startTime: spec.startTime,
      durationMinutes: spec.durationMinutes,
      record,
    });
    const meeting = this.meetings.build({
      id,
      interviewId: interview.id,
      provider: provider.name,
      externalId: created.externalId,
      topic: spec.topic,
      joinUrl: created.joinUrl,
      startUrl: created.startUrl ?? null,
      passcode: created.passcode ?? null,
      startTime: spec.startTime,
      durationMinutes: spec.durationMinutes,
      autoRecording: record ? 'cloud' : 'none',
      status: 'scheduled',
      createdBy: spec.createdBy,
      createdAt: new Date(),
    });
    return { provider, record, meeting };
  }

  // A vendor meeting whose row was not stored: best effort, never masks the original outcome.
  private async discardAtProvider({ provider, meeting }: OpenedMeeting): Promise<void> {
    await provider.deleteMeeting(meeting.externalId).catch((e: Error) => {
      this.logger.warn(`Could not delete unstored ${provider.name} meeting: ${e.message}`);
    });
  }

  private meetingExists(interviewId: string, meetingId?: string): ConflictProblem {
    return new ConflictProblem(
      'MEETING_EXISTS',
      'The interview already has a meeting; cancel or reschedule the interview instead',
      { interview_id: interviewId, ...(meetingId ? { meeting_id: meetingId } : {}) },
    );
  }

  private async defaultTopic(interview: MeetingInterview): Promise<string> {
    const title = interview.jobId
      ? await this.jobs
          .getJob(interview.jobId)
          .then((job) => job.title)
          .catch(() => null)
      : interview.track;
    return title ? `Interview: ${title}`.slice(0, 200) : 'Panelist interview';
  }

  private reload(id: string): Promise<VideoMeeting> {
    return this.meetings.findByIdOrFail(id);
  }
}
