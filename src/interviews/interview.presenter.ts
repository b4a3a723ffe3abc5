import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QUESTION_TYPES } from '../ai/ai-provider';
import type { QuestionType } from '../ai/ai-provider';
import {
  FRAUD_LEVELS,
  INTERVIEW_KINDS,
  INTERVIEW_MODES,
  INTERVIEW_STATUSES,
  RECOMMENDATIONS,
  RESULTS_STATUSES,
  VIDEO_CHOICES,
} from './entities/interview.entity';
import type {
  FraudLevel,
  FraudSignal,
  Interview,
  InterviewKind,
  InterviewMode,
  InterviewRecommendation,
  InterviewStatus,
  ResultsStatus,
  VideoChoice,
} from './entities/interview.entity';
import type { InterviewQuestion } from './entities/interview-question.entity';
import { candidateInterviewResults } from './results/candidate-assessment';

export class FraudSignalResponse {
  @ApiProperty({
    example: 'tab_hidden',
    description:
      'A proctoring event type, paste, pasted_answer, fast_answer, similar_to_other_candidate or copied_gold_answer',
  })
  type: string;
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Points this signal adds to the score (capped per type)' })
  points: number;
  @ApiProperty() detail: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) question_ids?: string[];
}

export class FraudRiskResponse {
  @ApiProperty({ minimum: 0, maximum: 100 }) score: number;
  @ApiProperty({ enum: FRAUD_LEVELS }) level: FraudLevel;
  @ApiProperty({ type: [FraudSignalResponse], description: 'The signals that raised it' })
  signals: FraudSignal[];
}

// The interview's active meeting (video_meetings, owned by the video module, which provides it
// through the InterviewMeetingSource port).
export class InterviewMeetingResponse {
  @ApiProperty({ format: 'uuid', description: 'Also the room id of a WebRTC meeting' }) id: string;
  @ApiProperty({ enum: ['zoom', 'webrtc'] }) provider: 'zoom' | 'webrtc';
  @ApiProperty({ description: 'Zoom join link, or the WebRTC room URL' }) join_url: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Host link (carries a host token); recruiter+ only, never sent to candidates',
  })
  start_url?: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null for WebRTC rooms' })
  passcode: string | null;
  @ApiProperty({ format: 'date-time' }) start_time: string;
  @ApiProperty({ enum: ['scheduled', 'started', 'ended'] }) status:
    'scheduled' | 'started' | 'ended';
}

export class InterviewResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for practice' })
  application_id: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for practice' })
  job_id: string | null;
  @ApiProperty({ format: 'uuid' }) candidate_id: string;
  @ApiProperty({ enum: INTERVIEW_KINDS }) kind: InterviewKind;
  @ApiProperty({ enum: INTERVIEW_MODES }) mode: InterviewMode;
  @ApiProperty({ enum: INTERVIEW_STATUSES }) status: InterviewStatus;
  @ApiProperty({ format: 'date-time' }) scheduled_at: string;
  @ApiProperty() duration_minutes: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) started_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completed_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cancelled_at: string | null;
  @ApiProperty({ enum: VIDEO_CHOICES }) video: VideoChoice;
  @ApiProperty({
    nullable: true,
    type: InterviewMeetingResponse,
    description:
      'The active video meeting; null until the video module has created it (shortly after ' +
      'scheduling with video "zoom" or "webrtc"), when cancelled, or with no video',
  })
  meeting: InterviewMeetingResponse | null;
  @ApiProperty({ nullable: true, type: String, description: 'Practice track' }) track:
    string | null;
  @ApiProperty() question_count: number;
  @ApiProperty({
    enum: RESULTS_STATUSES,
    nullable: true,
    type: String,
    description: 'null for candidates, except on their own practice interviews',
  })
  results_status: ResultsStatus | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: '0–10; null until final. Candidates see it for their practice interviews only',
  })
  overall_score: number | null;
  @ApiProperty({
    enum: RECOMMENDATIONS,
    nullable: true,
    type: String,
    description: 'null for candidates',
  })
  recommendation: InterviewRecommendation | null;
  @ApiProperty({ type: FraudRiskResponse, nullable: true, description: 'null for candidates' })
  fraud_risk: FraudRiskResponse | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class InterviewPageResponse {
  @ApiProperty({ type: [InterviewResponse] }) items: InterviewResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

// The only view of a question a candidate ever gets.
export class InterviewQuestionText {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() question_text: string;
  @ApiProperty({ enum: QUESTION_TYPES }) question_type: QuestionType;
  @ApiProperty({ description: '1-based position in the interview' }) order: number;
}

export class StartedQuestion extends InterviewQuestionText {
  @ApiProperty() answered: boolean;
}

export class StartInterviewResponse {
  @ApiProperty({ type: InterviewResponse }) interview: InterviewResponse;
  @ApiProperty({ type: [StartedQuestion] }) questions: StartedQuestion[];
}

export function presentInterview(
  interview: Interview,
  forStaff: boolean,
  meeting: InterviewMeetingResponse | null = null,
): InterviewResponse {
  const candidateView = candidateInterviewResults(interview);
  return {
    id: interview.id,
    application_id: interview.applicationId,
    job_id: interview.jobId,
    candidate_id: interview.candidateId,
    kind: interview.kind,
    mode: interview.mode,
    status: interview.status,
    scheduled_at: interview.scheduledAt.toISOString(),
    duration_minutes: interview.durationMinutes,
    started_at: interview.startedAt?.toISOString() ?? null,
    completed_at: interview.completedAt?.toISOString() ?? null,
    cancelled_at: interview.cancelledAt?.toISOString() ?? null,
    video: interview.video,
    meeting,
    track: interview.track,
    question_count: interview.questionCount,
    results_status: forStaff ? interview.resultsStatus : candidateView.results_status,
    overall_score: forStaff ? interview.overallScore : candidateView.overall_score,
    recommendation: forStaff ? interview.recommendation : null,
    fraud_risk: forStaff
      ? {
          score: interview.fraudScore,
          level: interview.fraudLevel,
          signals: interview.fraudSignals,
        }
      : null,
    created_at: interview.createdAt.toISOString(),
    updated_at: interview.updatedAt.toISOString(),
  };
}

export function presentQuestionText(q: InterviewQuestion): InterviewQuestionText {
  return {
    id: q.questionId,
    question_text: q.questionText,
    question_type: q.questionType,
    order: q.position,
  };
}
