import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { Page, PageQueryDto } from '../common/pagination/cursor';
import { AtsAnalyticsResponse } from '../reporting/ats-analytics.presenter';
import { AtsAnalyticsService } from '../reporting/ats-analytics.service';
import { AnalyticsQueryDto, QualityQueryDto } from '../reporting/dto/report-query.dto';
import { CreateRejectionReasonDto } from './dto/rejection-reason.dto';
import { HiringQualityResponse } from '../reporting/hiring-quality.presenter';
import { HiringQualityService } from '../reporting/hiring-quality.service';
import { RecruiterDashboardResponse } from '../reporting/recruiter-dashboard.presenter';
import { RecruiterDashboardService } from '../reporting/recruiter-dashboard.service';
import { RejectionReasonPageResponse, RejectionReasonResponse } from './rejection-reason.presenter';
import { RejectionReasonsService } from './rejection-reasons.service';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('ats')
@ApiScope('applications')
@Controller()
export class AtsInsightsController {
  constructor(
    private readonly analyticsService: AtsAnalyticsService,
    private readonly qualityService: HiringQualityService,
    private readonly dashboardService: RecruiterDashboardService,
    private readonly reasons: RejectionReasonsService,
  ) {}

  @Get('ats/analytics')
  @ApiProblems({ 404: 'No such job' })
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: 'Pipeline analytics for one job or all jobs, over applications applied in [from, to)',
    description:
      'Conversion from stage N to stage N+1 = applications that reached or passed N+1 / applications that reached or passed N, where "passed" means the application reached a later working stage of the pipeline (an application hired straight from applied converts at every step). Counts and conversion come from counters kept on every stage change; medians from the stage history.',
  })
  @ApiOkResponse({ type: AtsAnalyticsResponse })
  analytics(@Query() query: AnalyticsQueryDto): Promise<AtsAnalyticsResponse> {
    return this.analyticsService.analytics(query);
  }

  @Get('ats/quality')
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary:
      'Interviewer calibration, question approval, score distributions, AI-vs-human agreement',
  })
  @ApiOkResponse({ type: HiringQualityResponse })
  quality(@Query() query: QualityQueryDto): Promise<HiringQualityResponse> {
    return this.qualityService.quality(query);
  }

  @Get('recruiter/dashboard')
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: "The signed-in recruiter's open jobs, overdue applications and interviews",
  })
  @ApiOkResponse({ type: RecruiterDashboardResponse })
  dashboard(@CurrentUser() actor: AuthUser): Promise<RecruiterDashboardResponse> {
    return this.dashboardService.dashboard(actor);
  }

  @Get('ats/rejection-reasons')
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'Rejection reasons, by name' })
  @ApiOkResponse({ type: RejectionReasonPageResponse })
  rejectionReasons(@Query() query: PageQueryDto): Promise<Page<RejectionReasonResponse>> {
    return this.reasons.list(query);
  }

  @Post('ats/rejection-reasons')
  @ApiProblems({ 409: 'A reason with this name exists (REJECTION_REASON_EXISTS)' })
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Add a rejection reason' })
  @ApiCreatedResponse({ type: RejectionReasonResponse })
  addRejectionReason(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateRejectionReasonDto,
  ): Promise<RejectionReasonResponse> {
    return this.reasons.create(actor, dto);
  }
}
