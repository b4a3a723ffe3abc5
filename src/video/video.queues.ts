// Queue names of the video module. The interviews module enqueues MEETING_CREATE when it schedules
// an interview with video and MEETING_SYNC after a reschedule or cancellation (in its own
// transaction); the video module owns the handlers. This file imports nothing, so the interviews
// module can use it without depending on the video module (which depends on interviews).
export const VIDEO_MEETING_CREATE_QUEUE = 'video-meeting-create';
export const VIDEO_MEETING_SYNC_QUEUE = 'video-meeting-sync';
export const ZOOM_WEBHOOK_QUEUE = 'video-zoom-webhook';
export const RECORDING_DOWNLOAD_QUEUE = 'video-recording-download';
// Enqueued by the video module's GDPR erasure, one job per erased Zoom meeting.
export const ZOOM_ERASURE_QUEUE = 'video-zoom-erasure';

export interface MeetingCreateJob {
  interview_id: string;
}

export interface MeetingSyncJob {
  interview_id: string;
}

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
