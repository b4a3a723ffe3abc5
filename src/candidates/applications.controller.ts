import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { Page } from '../common/pagination/cursor';
import { ApplicationPageResponse, ApplicationResponse } from './application.presenter';
import { ApplicationsService, CheckApplicationResponse } from './applications.service';
import { ApplicationQueryDto } from './dto/application-query.dto';
import { ApplicationStatusDto, WithdrawDto } from './dto/status.dto';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiAliasOf, ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('applications')
@ApiScope('applications')
@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get(['jobs/:id/applications', 'job/:id/applications'])
  @ApiAliasOf({ canonical: 'GET /api/jobs/{id}/applications', paths: ['job/:id/applications'] })
  @ApiOperation({ summary: "A job's applications, newest first (filters stage, status, q)" })
  @Roles(Role.Recruiter)
  @ApiOkResponse({ type: ApplicationPageResponse })
  listForJob(
    @Param('id', ParseUuidPipe) jobId: string,
    @Query() query: ApplicationQueryDto,
  ): Promise<Page<ApplicationResponse>> {
    return this.applications.listForJob(jobId, query);
  }

  @Get('job/:id/check-application')
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'Has the signed-in user applied to this job?' })
  @ApiOkResponse({
    schema: {
      properties: {
        applied: { type: 'boolean' },
        application_id: { type: 'string' },
        status: { type: 'string' },
      },
    },
  })
  check(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) jobId: string,
  ): Promise<CheckApplicationResponse> {
    return this.applications.check(viewer, jobId);
  }

  @Get('applications/me')
  @ApiOperation({ summary: "The signed-in candidate's applications, newest first" })
  @Roles(Role.Candidate)
  @ApiOkResponse({ type: ApplicationPageResponse })
  mine(
    @CurrentUser() viewer: AuthUser,
    @Query() query: ApplicationQueryDto,
  ): Promise<Page<ApplicationResponse>> {
    return this.applications.listMine(viewer, query);
  }

  @Get('applications/:id')
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'One application (its candidate, or recruiter+)' })
  @ApiOkResponse({ type: ApplicationResponse })
  get(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<ApplicationResponse> {
    return this.applications.getForViewer(viewer, id);
  }

  @Post('applications/:id/withdraw')
  @ApiProblems({
    409: 'The application is already hired, rejected or withdrawn (STAGE_TRANSITION_NOT_ALLOWED, ALREADY_IN_STAGE)',
  })
  @Roles(Role.Candidate)
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw an application (its candidate)' })
  @ApiOkResponse({ type: ApplicationResponse })
  withdraw(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: WithdrawDto,
  ): Promise<ApplicationResponse> {
    return this.applications.withdraw(viewer, id, dto.reason);
  }

  @Put('applications/:id/status')
  @ApiProblems({
    409: "No stage of the job's pipeline has this status (UNKNOWN_STAGE), or the application is in a final stage (STAGE_TRANSITION_NOT_ALLOWED)",
  })
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'Move an application to the first stage with this status' })
  @ApiOkResponse({ type: ApplicationResponse })
  setStatus(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: ApplicationStatusDto,
  ): Promise<ApplicationResponse> {
    return this.applications.setStatus(actor, id, dto.status, dto.reason);
  }
}
