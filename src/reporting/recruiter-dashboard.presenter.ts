import { ApiProperty } from '@nestjs/swagger';

class DashboardStage {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() count: number;
  @ApiProperty() overdue_count: number;
}

class DashboardJob {
  @ApiProperty({ format: 'uuid' }) job_id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty() applications: number;
  @ApiProperty() overdue_count: number;
  @ApiProperty({ type: [DashboardStage] }) stages: DashboardStage[];
}

class OverdueApplication {
  @ApiProperty({ format: 'uuid' }) application_id: string;
  @ApiProperty({ format: 'uuid' }) job_id: string;
  @ApiProperty({ nullable: true, type: String }) applicant_name: string | null;
  @ApiProperty() stage: string;
  @ApiProperty({ format: 'date-time' }) stage_entered_at: string;
  @ApiProperty() sla_days: number;
  @ApiProperty() days_in_stage: number;
}

class UpcomingInterview {
  @ApiProperty({ format: 'uuid' }) interview_id: string;
  @ApiProperty({ format: 'uuid' }) application_id: string;
  @ApiProperty({ format: 'uuid' }) job_id: string;
  @ApiProperty({ format: 'date-time' }) scheduled_at: string;
}

export class RecruiterDashboardResponse {
  @ApiProperty({ type: [DashboardJob], description: "The signed-in recruiter's own open jobs" })
  jobs: DashboardJob[];
  @ApiProperty({
    type: [OverdueApplication],
    description: 'Longest past their stage SLA first (up to 50)',
  })
  overdue_applications: OverdueApplication[];
  @ApiProperty({ type: [UpcomingInterview], description: 'Scheduled, soonest first (up to 50)' })
  upcoming_interviews: UpcomingInterview[];
  @ApiProperty({
    description:
      'Screening answers on your jobs that no human has reviewed yet (machine-scored, or waiting for a human score)',
  })
  answers_awaiting_review: number;
  @ApiProperty({
    description:
      'Of those, the answers whose machine score was flagged low-confidence (needs_review in the interview results): grade these first',
  })
  low_confidence_answers: number;
}
