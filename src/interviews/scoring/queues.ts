export const ANSWER_SCORE_QUEUE = 'answer-score';
export const INTERVIEW_FINALISE_QUEUE = 'interview-finalise';

export interface AnswerScoreJob {
  answer_id: string;
}

export interface InterviewFinaliseJob {
  interview_id: string;
}
