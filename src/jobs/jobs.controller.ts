import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, PublicWithOptionalUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { Page } from '../common/pagination/cursor';
import { CreateJobDto, UpdateJobDto } from './dto/job.dto';
import { JobListQueryDto, JobQueryDto } from './dto/job-query.dto';
import { JobStatsResponse, JobStatsService } from './job-stats.service';
import { JobDeletionResponse, JobPageResponse, JobResponse } from './job.presenter';
import { JOB_PAGE_ROUTE_SCHEMA, JOB_ROUTE_SCHEMA } from './job.schemas';
import { JobsService } from './jobs.service';
import { PublicJobCache } from './public-job.cache';
import { PublicCache } from '../common/http/public-cache';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiAliasOf, ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('jobs')
@ApiScope('jobs')
@Controller()
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly stats: JobStatsService,
    private readonly publicJobs: PublicJobCache,
  ) {}

  @Get('jobs')
  @PublicWithOptionalUser()
  @PublicCache()
  @RouteSchema(JOB_PAGE_ROUTE_SCHEMA)
  @ApiOperation({ summary: 'List jobs (anonymous users and candidates see Open jobs only)' })
  @ApiOkResponse({ type: JobPageResponse })
  list(
    @CurrentUser() viewer: AuthUser | undefined,
    @Query() query: JobListQueryDto,
  ): Promise<Page<JobResponse>> {
    // Incremental sync reads a moving horizon: never from the cache.
    if (viewer || query.updated_after !== undefined) {
      return this.jobs.list(viewer, query);
    }
    return this.publicJobs.remember(`list:${JSON.stringify(query)}`, () =>
      this.jobs.list(undefined, query),
    );
  }

  @Get('jobs/search')
  @PublicWithOptionalUser()
  @PublicCache()
  @RouteSchema(JOB_PAGE_ROUTE_SCHEMA)
  @ApiOperation({
    summary: 'Full-text search over title, skills and description, best match first',
    description:
      'q reads like a web search: words, "quoted phrases", -exclusions. Jobs matching every word come first, then jobs matching some of them, each group by relevance (title over skills over description).',
  })
  @ApiOkResponse({ type: JobPageResponse })
  search(
    @CurrentUser() viewer: AuthUser | undefined,
    @Query() query: JobQueryDto,
  ): Promise<Page<JobResponse>> {
    if (viewer) {
      return this.jobs.search(viewer, query);
    }
    return this.publicJobs.remember(`search:${JSON.stringify(query)}`, () =>
      this.jobs.search(undefined, query),
    );
  }

  @Get('jobs/stats')
  @ApiOperation({ summary: 'Counts by status, and applications per job, stage and week' })
  @Roles(Role.Recruiter)
  @ApiOkResponse({ type: JobStatsResponse })
  jobStats(): Promise<JobStatsResponse> {
    return this.stats.stats();
  }

  @Get('jobs/:id')
  @ApiOperation({ summary: 'One job (Open jobs for everyone; others for recruiter+)' })
  @PublicWithOptionalUser()
  @PublicCache()
  @RouteSchema(JOB_ROUTE_SCHEMA)
  @ApiOkResponse({ type: JobResponse })
  get(
    @CurrentUser() viewer: AuthUser | undefined,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<JobResponse> {
    if (viewer) {
      return this.jobs.findVisible(viewer, id);
    }
    return this.publicJobs.remember(`job:${id}`, () => this.jobs.findVisible(undefined, id));
  }

  @Post(['jobs', 'createJob'])
  @ApiAliasOf({ canonical: 'POST /api/jobs', paths: ['createJob'] })
  @ApiOperation({ summary: 'Post a job (Draft, Open or Closed)' })
  @Roles(Role.Recruiter)
  @ApiCreatedResponse({ type: JobResponse })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateJobDto): Promise<JobResponse> {
    return this.jobs.create(actor, dto);
  }

  @Put('jobs/:id')
  @ApiProblems({ 403: 'Only the recruiter who created the job, or an admin (NOT_JOB_OWNER)' })
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'Replace a job (its creator or an admin)' })
  @ApiOkResponse({ type: JobResponse })
  replace(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: CreateJobDto,
  ): Promise<JobResponse> {
    return this.jobs.update(actor, id, dto, true);
  }

  @Patch('jobs/:id')
  @ApiProblems({ 403: 'Only the recruiter who created the job, or an admin (NOT_JOB_OWNER)' })
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'Change some fields of a job (its creator or an admin)' })
  @ApiOkResponse({ type: JobResponse })
  patch(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: UpdateJobDto,
  ): Promise<JobResponse> {
    return this.jobs.update(actor, id, dto, false);
  }

  @Delete('jobs/:id')
  @ApiProblems({ 403: 'Only the recruiter who created the job, or an admin (NOT_JOB_OWNER)' })
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'Delete a job; one with applications is closed and archived instead' })
  @ApiOkResponse({ type: JobDeletionResponse })
  remove(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<JobDeletionResponse> {
    return this.jobs.remove(actor, id);
  }
}
