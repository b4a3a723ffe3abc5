// Queue names of the video module. The meeting create/sync queues are declared by the interviews
// module, which enqueues them (video sits above interviews); the video module works them.
export {
  VIDEO_MEETING_CREATE_QUEUE,
  VIDEO_MEETING_SYNC_QUEUE,
} from '../interviews/interviews.queues';
export type { MeetingCreateJob, MeetingSyncJob } from '../interviews/interviews.queues';
export const ZOOM_WEBHOOK_QUEUE = 'video-zoom-webhook';
export const RECORDING_DOWNLOAD_QUEUE = 'video-recording-download';
// Enqueued by the video module's GDPR erasure, one job per erased Zoom meeting.
export const ZOOM_ERASURE_QUEUE = 'video-zoom-erasure';

export interface ZoomWebhookJob {
  event_id: string;
}

export interface RecordingDownloadJob {
  recording_id: string;
}

export interface ZoomErasureJob {
  // Our meeting id (the row is gone by the time the job runs): PII-free, for logs and the audit.
  meeting_id: string;
  // Zoom's numeric meeting id, the only handle left on what Zoom still holds.
  external_id: string;
  candidate_id: string | null;
}
