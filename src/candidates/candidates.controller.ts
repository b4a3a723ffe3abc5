import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { Page } from '../common/pagination/cursor';
import { ApplicationResponse } from './application.presenter';
import {
  CandidatePageResponse,
  CandidateProfileResponse,
  CandidateResponse,
  MatchResponse,
} from './candidate.presenter';
import { CandidatesService } from './candidates.service';
import { CandidateQueryDto, MatchingQueryDto } from './dto/candidate-query.dto';
import { CandidateStatusDto } from './dto/status.dto';
import { MatchEntry, MatchingService } from './matching/matching.service';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('candidates')
@ApiScope('candidates')
@Controller('candidates')
export class CandidatesController {
  constructor(
    private readonly candidates: CandidatesService,
    private readonly matching: MatchingService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Search candidates (filters q, skills, job_id, stage)' })
  @Roles(Role.Recruiter)
  @ApiOkResponse({ type: CandidatePageResponse })
  list(@Query() query: CandidateQueryDto): Promise<Page<CandidateResponse>> {
    return this.candidates.list(query);
  }

  @Get('matching')
  @ApiProblems({ 404: 'No such job' })
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: 'Rank candidates for a job',
    description:
      "score (0–100) = breakdown.skills (50) + experience (25) + location (15) + salary (10). scope=applicants ranks the job's applicants (withdrawn ones excluded); scope=all adds the candidates who granted talent_pool consent (the 1,000 sharing most of the job's skills): the job's own applicants are always in scope, consent or not.",
  })
  @ApiOkResponse({ type: [MatchResponse] })
  match(@Query() query: MatchingQueryDto): Promise<MatchEntry[]> {
    return this.matching.rank(query.job_id, query.scope ?? 'applicants', query.limit ?? 20);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A candidate profile: applications, résumés, interviews and scores' })
  @Roles(Role.Recruiter)
  @ApiOkResponse({ type: CandidateProfileResponse })
  profile(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<CandidateProfileResponse> {
    return this.candidates.profile(actor, id);
  }

  @Put(':id/status')
  @ApiProblems({
    404: 'No such candidate, or application_id is not one of theirs',
    409: "No stage of the job's pipeline has this status (UNKNOWN_STAGE), or the application is in a final stage (STAGE_TRANSITION_NOT_ALLOWED)",
  })
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: "Set the status of one of the candidate's applications (default: the latest)",
  })
  @ApiOkResponse({ type: ApplicationResponse })
  setStatus(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: CandidateStatusDto,
  ): Promise<ApplicationResponse> {
    return this.candidates.setStatus(actor, id, dto.status, dto.application_id, dto.reason);
  }
}
