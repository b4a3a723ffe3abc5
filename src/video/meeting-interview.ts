import type { VideoProviderName } from './entities/video-meeting.entity';

export type VideoChoice = VideoProviderName | 'none';

// What the video module reads of an interview. The interviews module's rows (returned by
// InterviewAccessService) have this shape, so video never imports its entity.
export interface MeetingInterview {
  id: string;
  status: 'Scheduled' | 'In Progress' | 'Completed' | 'Cancelled';
  video: VideoChoice;
  candidateId: string;
  jobId: string | null;
  track: string | null;
  scheduledAt: Date;
  durationMinutes: number;
  scheduledBy: string | null;
}
