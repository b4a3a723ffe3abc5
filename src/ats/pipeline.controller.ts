import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationResponse } from '../candidates/application.presenter';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import {
  BoardQueryDto,
  PipelineBoardResponse,
  PipelineBoardService,
  PipelineConfigService,
  PipelineDefinitionResponse,
  SetPipelineDto,
} from '../pipeline';
import { MoveStageDto } from './dto/pipeline.dto';
import { StageTransitionsService } from './stage-transitions.service';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('ats')
@ApiScope('applications')
@Controller()
export class PipelineController {
  constructor(
    private readonly config: PipelineConfigService,
    private readonly board: PipelineBoardService,
    private readonly transitions: StageTransitionsService,
  ) {}

  @Get('jobs/:id/pipeline')
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: "A job's pipeline: its working stages in order, then the outcomes" })
  @ApiOkResponse({ type: PipelineDefinitionResponse })
  definition(@Param('id', ParseUuidPipe) jobId: string): Promise<PipelineDefinitionResponse> {
    return this.config.definition(jobId);
  }

  @Put('jobs/:id/pipeline')
  @ApiProblems({
    409: 'A removed stage still holds applications and `moves` names no target for it (STAGE_NOT_EMPTY)',
  })
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: "Replace a job's pipeline stages",
    description:
      'A removed stage that holds applications needs a target in `moves` (409 STAGE_NOT_EMPTY otherwise); those applications move with a history entry each.',
  })
  @ApiOkResponse({ type: PipelineDefinitionResponse })
  replace(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) jobId: string,
    @Body() dto: SetPipelineDto,
  ): Promise<PipelineDefinitionResponse> {
    return this.config.replace(actor, jobId, dto);
  }

  @Get('ats/pipeline')
  @ApiProblems({ 404: 'No such job' })
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: 'Pipeline board: every stage with counts, SLA breaches and its newest applications',
  })
  @ApiOkResponse({ type: PipelineBoardResponse })
  pipelineBoard(@Query() query: BoardQueryDto): Promise<PipelineBoardResponse> {
    return this.board.board(query);
  }

  @Post('ats/move-stage')
  @ApiProblems({
    404: 'No such application',
    409: 'from_stage is no longer the current stage (STAGE_CHANGED), the target is unknown (UNKNOWN_STAGE) or the current one (ALREADY_IN_STAGE), or the application is hired, rejected or withdrawn (STAGE_TRANSITION_NOT_ALLOWED)',
  })
  @Roles(Role.Recruiter)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move an application to another stage',
    description:
      'from_stage, when given, must be the current stage (409 STAGE_CHANGED otherwise). Moving out of rejected, withdrawn or hired, or to an unknown stage → 409. Moving to rejected needs a reason (400).',
  })
  @ApiOkResponse({ type: ApplicationResponse })
  moveStage(
    @CurrentUser() actor: AuthUser,
    @Body() dto: MoveStageDto,
  ): Promise<ApplicationResponse> {
    return this.transitions.moveToStage(actor, dto);
  }
}
