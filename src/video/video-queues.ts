// Queue names of the video module. The interviews module enqueues MEETING_CREATE when it schedules
// an interview with video and MEETING_SYNC after a reschedule or cancellation (in its own
// transaction); the video module owns the handlers. This file imports nothing, so the interviews
// module can use it without depending on the video module (which depends on interviews).
export const VIDEO_MEETING_CREATE_QUEUE = 'video-meeting-create';
export const VIDEO_MEETING_SYNC_QUEUE = 'video-meeting-sync';
export const ZOOM_WEBHOOK_QUEUE = 'video-zoom-webhook';
export const RECORDING_DOWNLOAD_QUEUE = 'video-recording-download';

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
