export const RESUME_PARSE_QUEUE = 'resume-parse';
export const RESUME_PURGE_QUEUE = 'resume-purge';

export interface ResumeParseJobData {
  resume_id: string;
  // Parse again even when an outcome is already recorded (an explicit re-parse).
  force?: boolean;
}
