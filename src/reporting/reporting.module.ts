import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline';
import { AtsAnalyticsRepository } from './ats-analytics.repository';
import { AtsAnalyticsService } from './ats-analytics.service';
import { HiringQualityRepository } from './hiring-quality.repository';
import { HiringQualityService } from './hiring-quality.service';
import { RecruiterDashboardRepository } from './recruiter-dashboard.repository';
import { RecruiterDashboardService } from './recruiter-dashboard.service';

// The cross-module reports: a read model over the views the owning modules publish (README.md).
@Module({
  imports: [PipelineModule],
  providers: [
    AtsAnalyticsRepository,
    AtsAnalyticsService,
    HiringQualityRepository,
    HiringQualityService,
    RecruiterDashboardRepository,
    RecruiterDashboardService,
  ],
  exports: [AtsAnalyticsService, HiringQualityService, RecruiterDashboardService],
})
export class ReportingModule {}
