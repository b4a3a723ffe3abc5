import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CryptoService } from '../crypto/crypto.service';
import { RecruiterDashboardResponse } from './recruiter-dashboard.presenter';
import { RecruiterDashboardRepository } from './recruiter-dashboard.repository';

@Injectable()
export class RecruiterDashboardService {
  constructor(
    private readonly reads: RecruiterDashboardRepository,
    private readonly crypto: CryptoService,
  ) {}

  async dashboard(actor: AuthUser): Promise<RecruiterDashboardResponse> {
    const [jobs, stageRows, overdue, upcoming, awaitingReview, lowConfidence] = await Promise.all([
      this.reads.openJobsOf(actor.id),
      this.reads.stageCountsOf(actor.id),
      this.reads.overdueApplicationsOf(actor.id),
      this.reads.upcomingInterviewsOf(actor.id),
      this.reads.countAwaitingReview(actor.id),
      this.reads.countLowConfidence(actor.id),
    ]);
    return {
      jobs: jobs.map((j) => {
        const stages = stageRows.filter((s) => s.job_id === j.id);
        return {
          job_id: j.id,
          title: j.title,
          created_at: new Date(j.created_at).toISOString(),
          applications: j.application_count,
          overdue_count: stages.reduce((sum, s) => sum + s.overdue, 0),
          stages: stages.map((s) => ({
            key: s.key,
            name: s.name,
            count: s.count,
            overdue_count: s.overdue,
          })),
        };
      }),
      overdue_applications: overdue.map((a) => ({
        application_id: a.id,
        job_id: a.job_id,
        applicant_name: this.crypto.decryptNullable(
          a.name,
          CryptoService.fieldAad('applications', 'applicant_name', a.id),
        ),
        stage: a.stage,
        stage_entered_at: new Date(a.stage_entered_at).toISOString(),
        sla_days: a.sla_days,
        days_in_stage: Number(a.days.toFixed(1)),
      })),
      upcoming_interviews: upcoming.map((r) => ({
        interview_id: r.id,
        application_id: r.application_id,
        job_id: r.job_id,
        scheduled_at: new Date(r.scheduled_at).toISOString(),
      })),
      answers_awaiting_review: awaitingReview,
      low_confidence_answers: lowConfidence,
    };
  }
}
