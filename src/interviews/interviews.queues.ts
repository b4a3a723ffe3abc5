export const ANSWER_SCORE_QUEUE = 'answer-score';
export const INTERVIEW_FINALISE_QUEUE = 'interview-finalise';
// Worked by the media module (it owns the Transcriber); enqueued here when an audio answer lands.
export const ANSWER_TRANSCRIBE_QUEUE = 'answer-transcribe';

export interface AnswerScoreJob {
  answer_id: string;
}

export interface InterviewFinaliseJob {
  interview_id: string;
}

export interface AnswerTranscribeJob {
  answer_id: string;
}
