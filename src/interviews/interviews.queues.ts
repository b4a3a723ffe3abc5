export const ANSWER_SCORE_QUEUE = 'answer-score';
export const INTERVIEW_FINALISE_QUEUE = 'interview-finalise';
// Worked by the media module (it owns the Transcriber); enqueued here when an audio answer lands.
export const ANSWER_TRANSCRIBE_QUEUE = 'answer-transcribe';
// Worked by the video module (it owns video_meetings): enqueued in the scheduling transaction when
// an interview with video is scheduled (CREATE), rescheduled or cancelled (SYNC).
export const VIDEO_MEETING_CREATE_QUEUE = 'video-meeting-create';
export const VIDEO_MEETING_SYNC_QUEUE = 'video-meeting-sync';

export interface AnswerScoreJob {
  answer_id: string;
}

export interface InterviewFinaliseJob {
  interview_id: string;
}

export interface AnswerTranscribeJob {
  answer_id: string;
}

export interface MeetingCreateJob {
  interview_id: string;
}

export interface MeetingSyncJob {
  interview_id: string;
}
