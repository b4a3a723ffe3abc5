import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Job, Queue } from 'pg-boss';
import { AuditService } from '../../audit/audit.service';
import { DomainException } from '../../common/errors/domain.exception';
import { QueueJob } from '../../queue/queue-job.decorator';
import { ZOOM_ERASURE_QUEUE } from '../video.queues';
import type { ZoomErasureJob } from '../video.queues';
import { ZoomApiClient } from './zoom-api.client';

// Back-off from ZOOM_ERASURE_RETRY_DELAY_SECONDS (default 30 s), doubling up to an hour: eleven
// attempts span about 4–5 hours (pg-boss adds up to 100% jitter per step), enough to outlast a
// Zoom incident.
export const ZOOM_ERASURE_RETRIES = 10;
const DEFAULT_RETRY_DELAY_SECONDS = 30;

// Zoom's answers for "nothing there": 3001 meeting does not exist, 3301 no recording for it.
const ABSENT_CODES = new Set([3001, 3301]);

interface PastInstancesBody {
  meetings?: { uuid?: string }[];
}

export function zoomErasureQueueOptions(config: ConfigService): Omit<Queue, 'name'> {
  const raw = config.get<string>('ZOOM_ERASURE_RETRY_DELAY_SECONDS');
  const delay = raw === undefined || raw === '' ? DEFAULT_RETRY_DELAY_SECONDS : Number(raw);
  if (!Number.isInteger(delay) || delay < 1 || delay > 3600) {
    throw new Error(
      'Invalid configuration: ZOOM_ERASURE_RETRY_DELAY_SECONDS must be an integer from 1 to 3600',
    );
  }
  return {
    retryLimit: ZOOM_ERASURE_RETRIES,
    retryDelay: delay,
    retryBackoff: true,
    retryDelayMax: 3600,
    // A handful of calls of at most 15 s each, plus up to three short 429 waits per call.
    expireInSeconds: 600,
  };
}

// Zoom's rule for meeting UUIDs in a path: one that starts with '/' or contains '//' must be
// double-encoded, or Zoom reads the slashes as path separators.
export function zoomPathId(id: string): string {
  const once = encodeURIComponent(id);
  return id.startsWith('/') || id.includes('//') ? encodeURIComponent(once) : once;
}

function vendorStatus(error: unknown): number | null {
  const status = error instanceof DomainException ? error.extra.vendor_status : undefined;
  return typeof status === 'number' ? status : null;
}

function isAbsent(error: unknown): boolean {
  const code = error instanceof DomainException ? Number(error.extra.vendor_code) : NaN;
  return vendorStatus(error) === 404 || ABSENT_CODES.has(code);
}

// Network errors and timeouts (no vendor status), 408, 429 and 5xx may get better by waiting;
// any other 4xx (a bad request, credentials refused after a fresh token, a missing scope) not.
function isRetryable(error: unknown): boolean {
  const status = vendorStatus(error);
  return status === null || status === 408 || status === 429 || status >= 500;
}

// The 'video-zoom-erasure' job, enqueued by the video module's GDPR erasure for each Zoom meeting
// it removes: deletes the meeting's cloud recordings at Zoom (every past instance, permanently,
// not to Zoom's trash), then the meeting itself. Idempotent: whatever Zoom no longer has counts
// as done, so a re-run after a partial failure just finishes the rest. Its outcome is audited
// without personal data (our meeting id, counts, Zoom's HTTP status).
@Injectable()
export class ZoomMeetingEraser {
  private readonly logger = new Logger('ZoomErasure');

  constructor(
    private readonly zoom: ZoomApiClient,
    private readonly audit: AuditService,
    private readonly config: ConfigService,
  ) {}

  @QueueJob<ZoomMeetingEraser>(ZOOM_ERASURE_QUEUE, (eraser) => ({
    options: zoomErasureQueueOptions(eraser.config),
  }))
  async erase(data: ZoomErasureJob, job: Job<unknown>): Promise<void> {
    if (!this.zoom.configured) {
      // Credentials removed after the job was queued: nothing here can reach Zoom any more.
      await this.failed(data, null, 'ZOOM_NOT_CONFIGURED');
      return;
    }
    try {
      const meetingId = data.external_id;
      // DELETE …/recordings with the meeting id reaches only its latest instance; a meeting that
      // was started more than once has a UUID per instance, each with its own recordings.
      const instances = await this.pastInstances(meetingId);
      let recordingSets = 0;
      for (const target of [...instances, meetingId]) {
        if (await this.deleteRecordings(target)) {
          recordingSets += 1;
        }
      }
      // Last: the instances are listed through the meeting, so a retry still finds them.
      const meetingDeleted = await this.deleteMeeting(meetingId);
      await this.audit.recordStandalone({
        action: 'video.zoom_meeting_erased',
        targetType: data.candidate_id ? 'candidate' : null,
        targetId: data.candidate_id,
        metadata: {
          meeting_id: data.meeting_id,
          recording_sets_deleted: recordingSets,
          meeting_deleted: meetingDeleted,
        },
      });
      this.logger.log(
        `Zoom erasure for meeting ${data.meeting_id}: ${recordingSets} recording set(s) ` +
          `deleted, meeting ${meetingDeleted ? 'deleted' : 'already gone'}`,
      );
    } catch (error) {
      const retryable = isRetryable(error);
      if (!retryable || job.retryCount >= ZOOM_ERASURE_RETRIES) {
        await this.failed(data, vendorStatus(error), retryable ? 'RETRIES_EXHAUSTED' : 'REFUSED');
      }
      if (retryable) {
        throw error;
      }
    }
  }

  private async pastInstances(meetingId: string): Promise<string[]> {
    try {
      const { body } = await this.zoom.request<PastInstancesBody>(
        'GET',
        `/past_meetings/${zoomPathId(meetingId)}/instances`,
      );
      const uuids = (body?.meetings ?? []).flatMap((m) => (m.uuid ? [m.uuid] : []));
      return [...new Set(uuids)];
    } catch (error) {
      if (isAbsent(error)) {
        return [];
      }
      throw error;
    }
  }

  private async deleteRecordings(meetingOrUuid: string): Promise<boolean> {
    try {
      await this.zoom.request('DELETE', `/meetings/${zoomPathId(meetingOrUuid)}/recordings`, {
        query: { action: 'delete' },
      });
      return true;
    } catch (error) {
      if (isAbsent(error)) {
        return false;
      }
      throw error;
    }
  }

  private async deleteMeeting(meetingId: string): Promise<boolean> {
    try {
      await this.zoom.request('DELETE', `/meetings/${zoomPathId(meetingId)}`);
      return true;
    } catch (error) {
      if (isAbsent(error)) {
        return false;
      }
      throw error;
    }
  }

  private async failed(
    data: ZoomErasureJob,
    status: number | null,
    reason: 'ZOOM_NOT_CONFIGURED' | 'REFUSED' | 'RETRIES_EXHAUSTED',
  ): Promise<void> {
    this.logger.error(
      `Zoom erasure for meeting ${data.meeting_id} gave up (${reason}` +
        `${status !== null ? `, Zoom HTTP ${status}` : ''}); its recordings may still be at Zoom`,
    );
    await this.audit.recordStandalone({
      action: 'video.zoom_meeting_erasure_failed',
      targetType: data.candidate_id ? 'candidate' : null,
      targetId: data.candidate_id,
      metadata: { meeting_id: data.meeting_id, reason, vendor_status: status },
    });
  }
}
