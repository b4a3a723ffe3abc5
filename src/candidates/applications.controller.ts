import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, PublicWithOptionalUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { readJsonOrMultipart } from '../common/http/body-reader';
import { Page } from '../common/pagination/cursor';
import { ApplicationPageResponse, ApplicationResponse } from './application.presenter';
import { ApplicationsService, CheckApplicationResponse } from './applications.service';
import { ApplyDto, ApplyToJobDto } from './dto/apply.dto';
import { ApplicationQueryDto } from './dto/application-query.dto';
import { ApplicationStatusDto, WithdrawDto } from './dto/status.dto';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiAliasOf, ApiFileField, ApiProblems } from '../common/openapi/api-docs.decorators';

const APPLY_DESCRIPTION =
  'JSON, or multipart/form-data with the same fields plus a `resume` file (PDF, DOCX or text), or `resume_id` of an earlier upload. `consent_data_processing: true` is required. Same e-mail on the same job twice → 409; a job that is not Open → 409.';

@ApiTags('applications')
@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post('jobs/:id/applications')
  @ApiFileField({
    name: 'resume',
    description: 'The résumé: PDF, DOCX or plain text (read from its bytes), at most MAX_FILE_SIZE',
  })
  @ApiProblems({
    404: 'No such job, or resume_id is not an upload this applicant may use',
    409: 'This e-mail already applied to the job (APPLICATION_ALREADY_EXISTS), the job is not Open (JOB_NOT_OPEN), or the person asked for erasure (CANDIDATE_ERASED)',
    413: 'The résumé is larger than MAX_FILE_SIZE',
    415: 'The résumé is not a PDF, DOCX or plain-text file (read from its bytes)',
    429: 'Upload quota for this client address used up (UPLOAD_QUOTA_EXCEEDED); see Retry-After',
  })
  @PublicWithOptionalUser()
  @ApiOperation({ summary: 'Apply to a job', description: APPLY_DESCRIPTION })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: ApplyDto })
  @ApiCreatedResponse({ type: ApplicationResponse })
  async apply(
    @CurrentUser() viewer: AuthUser | undefined,
    @Param('id', ParseUuidPipe) jobId: string,
    @Req() request: FastifyRequest,
  ): Promise<ApplicationResponse> {
    const { dto, file } = await readJsonOrMultipart(request, ApplyDto, ['resume']);
    return this.applications.apply(viewer, jobId, dto, file ?? undefined, request.ip);
  }

  @Post('job/apply')
  @ApiFileField({
    name: 'resume',
    description: 'The résumé: PDF, DOCX or plain text (read from its bytes), at most MAX_FILE_SIZE',
  })
  @ApiAliasOf({ canonical: 'POST /api/jobs/{id}/applications' })
  @ApiProblems({
    404: 'No such job, or resume_id is not an upload this applicant may use',
    409: 'This e-mail already applied to the job (APPLICATION_ALREADY_EXISTS), the job is not Open (JOB_NOT_OPEN), or the person asked for erasure (CANDIDATE_ERASED)',
    413: 'The résumé is larger than MAX_FILE_SIZE',
    415: 'The résumé is not a PDF, DOCX or plain-text file (read from its bytes)',
    429: 'Upload quota for this client address used up (UPLOAD_QUOTA_EXCEEDED); see Retry-After',
  })
  @PublicWithOptionalUser()
  @ApiOperation({ summary: 'Apply to a job (job_id in the body)', description: APPLY_DESCRIPTION })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: ApplyToJobDto })
  @ApiCreatedResponse({ type: ApplicationResponse })
  async applyAlias(
    @CurrentUser() viewer: AuthUser | undefined,
    @Req() request: FastifyRequest,
  ): Promise<ApplicationResponse> {
    const { dto, file } = await readJsonOrMultipart(request, ApplyToJobDto, ['resume']);
    const { job_id: jobId, ...rest } = dto;
    return this.applications.apply(viewer, jobId, rest, file ?? undefined, request.ip);
  }

  @Get('jobs/:id/applications')
  @ApiOperation({ summary: "A job's applications, newest first (filters stage, status, q)" })
  @Roles(Role.Recruiter)
  @ApiOkResponse({ type: ApplicationPageResponse })
  listForJob(
    @Param('id', ParseUuidPipe) jobId: string,
    @Query() query: ApplicationQueryDto,
  ): Promise<Page<ApplicationResponse>> {
    return this.applications.listForJob(jobId, query);
  }

  @Get('job/:id/applications')
  @ApiAliasOf({ canonical: 'GET /api/jobs/{id}/applications' })
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'Alias of GET /api/jobs/:id/applications' })
  @ApiOkResponse({ type: ApplicationPageResponse })
  listForJobAlias(
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
