import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, PublicWithOptionalUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { Page } from '../common/pagination/cursor';
import { CreateJobDto, UpdateJobDto } from './dto/job.dto';
import { JobQueryDto } from './dto/job-query.dto';
import { JobStatsResponse, JobStatsService } from './job-stats.service';
import { JobDeletionResponse, JobPageResponse, JobResponse } from './job.presenter';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@Controller()
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly stats: JobStatsService,
  ) {}

  @Get('jobs')
  @PublicWithOptionalUser()
  @ApiOperation({ summary: 'List jobs (anonymous users and candidates see Open jobs only)' })
  @ApiOkResponse({ type: JobPageResponse })
  list(
    @CurrentUser() viewer: AuthUser | undefined,
    @Query() query: JobQueryDto,
  ): Promise<Page<JobResponse>> {
    return this.jobs.list(viewer, query);
  }

  @Get('jobs/search')
  @PublicWithOptionalUser()
  @ApiOperation({
    summary: 'Full-text search over title, skills and description, best match first',
  })
  @ApiOkResponse({ type: JobPageResponse })
  search(
    @CurrentUser() viewer: AuthUser | undefined,
    @Query() query: JobQueryDto,
  ): Promise<Page<JobResponse>> {
    return this.jobs.search(viewer, query);
  }

  @Get('jobs/stats')
  @Roles(Role.Recruiter)
  @ApiOkResponse({ type: JobStatsResponse })
  jobStats(): Promise<JobStatsResponse> {
    return this.stats.stats();
  }

  @Get('jobs/:id')
  @PublicWithOptionalUser()
  @ApiOkResponse({ type: JobResponse })
  get(
    @CurrentUser() viewer: AuthUser | undefined,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<JobResponse> {
    return this.jobs.findVisible(viewer, id);
  }

  @Post('jobs')
  @Roles(Role.Recruiter)
  @ApiCreatedResponse({ type: JobResponse })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateJobDto): Promise<JobResponse> {
    return this.jobs.create(actor, dto);
  }

  @Post('createJob')
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'Alias of POST /api/jobs' })
  @ApiCreatedResponse({ type: JobResponse })
  createAlias(@CurrentUser() actor: AuthUser, @Body() dto: CreateJobDto): Promise<JobResponse> {
    return this.jobs.create(actor, dto);
  }

  @Put('jobs/:id')
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'Replace a job (its creator or an admin)' })
  @ApiOkResponse({ type: JobResponse })
  replace(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateJobDto,
  ): Promise<JobResponse> {
    return this.jobs.update(actor, id, dto, true);
  }

  @Patch('jobs/:id')
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'Change some fields of a job (its creator or an admin)' })
  @ApiOkResponse({ type: JobResponse })
  patch(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateJobDto,
  ): Promise<JobResponse> {
    return this.jobs.update(actor, id, dto, false);
  }

  @Delete('jobs/:id')
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'Delete a job; one with applications is closed and archived instead' })
  @ApiOkResponse({ type: JobDeletionResponse })
  remove(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<JobDeletionResponse> {
    return this.jobs.remove(actor, id);
  }
}
