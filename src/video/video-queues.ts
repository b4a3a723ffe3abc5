// Queue names of the video module. The interviews module enqueues MEETING_SYNC after a
// reschedule or cancellation (in its own transaction); the video module owns the handlers.
export const VIDEO_MEETING_SYNC_QUEUE = 'video-meeting-sync';
export const ZOOM_WEBHOOK_QUEUE = 'video-zoom-webhook';
export const RECORDING_DOWNLOAD_QUEUE = 'video-recording-download';

export interface MeetingSyncJob {
  interview_id: string;
}

export interface ZoomWebhookJob {
  event_id: string;
}

export interface RecordingDownloadJob {
  recording_id: string;
}
