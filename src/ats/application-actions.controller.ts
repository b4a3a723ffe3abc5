import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApplicationResponse } from '../candidates/application.presenter';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { Page, PageQueryDto } from '../common/pagination/cursor';
import { RejectApplicationDto, StageActionDto } from './dto/application-action.dto';
import { SubmitScorecardDto } from './dto/scorecard.dto';
import { ScorecardPageResponse, ScorecardResponse } from './scorecard.presenter';
import { ScorecardsService } from './scorecards.service';
import { StageHistoryPageResponse, StageHistoryResponse } from './stage-history.presenter';
import { StageTransitionsService } from './stage-transitions.service';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('ats')
@ApiScope('applications')
@Controller('applications')
export class ApplicationActionsController {
  constructor(
    private readonly transitions: StageTransitionsService,
    private readonly scorecards: ScorecardsService,
  ) {}

  @Post(':id/reject')
  @ApiProblems({
    409: 'The application is already hired, rejected or withdrawn (STAGE_TRANSITION_NOT_ALLOWED, ALREADY_IN_STAGE)',
  })
  @Roles(Role.Recruiter)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reject an application (rejection_reason_id or rejection_reason required)',
    description:
      "send_email: { template?, send_at? } e-mails the applicant application_rejected (the job's own wording when it has one), now or at send_at; POST /api/applications/:id/unreject before then cancels it. Without send_email nothing is sent.",
  })
  @ApiOkResponse({ type: ApplicationResponse })
  reject(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: RejectApplicationDto,
  ): Promise<ApplicationResponse> {
    return this.transitions.reject(actor, id, dto);
  }

  @Post(':id/unreject')
  @ApiProblems({ 409: 'The application is not rejected (NOT_REJECTED)' })
  @Roles(Role.Recruiter)
  @HttpCode(200)
  @ApiOperation({ summary: 'Return a rejected application to the stage it was rejected from' })
  @ApiOkResponse({ type: ApplicationResponse })
  unreject(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: StageActionDto,
  ): Promise<ApplicationResponse> {
    return this.transitions.unreject(actor, id, dto?.reason);
  }

  @Post(':id/hire')
  @ApiProblems({
    409: 'The application is already hired, rejected or withdrawn (STAGE_TRANSITION_NOT_ALLOWED, ALREADY_IN_STAGE)',
  })
  @Roles(Role.Recruiter)
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark an application hired (records hired_at)' })
  @ApiOkResponse({ type: ApplicationResponse })
  hire(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: StageActionDto,
  ): Promise<ApplicationResponse> {
    return this.transitions.hire(actor, id, dto?.reason);
  }

  @Get(':id/history')
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'Every stage change of an application, oldest first' })
  @ApiOkResponse({ type: StageHistoryPageResponse })
  history(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<StageHistoryResponse>> {
    return this.transitions.history(actor, id, query);
  }

  @Post(':id/feedback')
  @ApiScope('scorecards')
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: 'Submit a scorecard',
    description:
      'One scorecard per interviewer per (application, interview): the first submission answers 201, a later one by the same interviewer edits it and answers 200.',
  })
  @ApiCreatedResponse({ type: ScorecardResponse, description: 'Created' })
  @ApiOkResponse({
    type: ScorecardResponse,
    description: "Updated the interviewer's existing scorecard",
  })
  async submitFeedback(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: SubmitScorecardDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScorecardResponse> {
    const { created, scorecard } = await this.scorecards.submit(actor, id, dto);
    void reply.status(created ? 201 : 200);
    return scorecard;
  }

  @Get(':id/feedback')
  @ApiScope('scorecards')
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: "An application's scorecards, oldest first" })
  @ApiOkResponse({ type: ScorecardPageResponse })
  feedback(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<ScorecardResponse>> {
    return this.scorecards.list(actor, id, query);
  }
}
