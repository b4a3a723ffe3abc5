import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { Page } from '../common/pagination/cursor';
import {
  ApproveQuestionsDto,
  CreateQuestionDto,
  GenerateQuestionsDto,
  QuestionQueryDto,
  UpdateQuestionDto,
} from './dto/question.dto';
import { QuestionBankService } from './question-bank.service';
import { QuestionGenerationService } from './question-generation.service';
import { QuestionHistoryService } from './question-history.service';
import { QuestionReviewService } from './question-review.service';
import {
  GeneratedQuestionsResponse,
  QuestionListResponse,
  QuestionPageResponse,
  QuestionResponse,
  QuestionVersionListResponse,
} from './question.presenter';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

// GET /questions/approved/:jobId is served by the interviews module (candidates see the
// questions of their own started interviews there).
@ApiTags('questions')
@ApiScope('questions')
@Controller('questions')
export class QuestionsController {
  constructor(
    private readonly generation: QuestionGenerationService,
    private readonly bank: QuestionBankService,
    private readonly review: QuestionReviewService,
    private readonly history: QuestionHistoryService,
  ) {}

  @Post('generate')
  @ApiProblems({ 404: 'No such job, or no such application' })
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: 'Generate unapproved questions with gold-standard answers and key points',
    description:
      'Gemini when GEMINI_API_KEY is set (falling back to the offline generator, with the reason), else the offline generator. With application_id the questions are tailored to the candidate profile (skills, experience; never contact details).',
  })
  @ApiCreatedResponse({ type: GeneratedQuestionsResponse })
  generate(
    @CurrentUser() actor: AuthUser,
    @Body() dto: GenerateQuestionsDto,
  ): Promise<GeneratedQuestionsResponse> {
    return this.generation.generate(actor, dto);
  }

  @Post('approve')
  @ApiProblems({ 404: 'One of question_ids does not exist (nothing is changed)' })
  @HttpCode(200)
  @Roles(Role.DomainExpert)
  @ApiOperation({ summary: 'Approve or reject questions (all or nothing); kept in each history' })
  @ApiOkResponse({ type: QuestionListResponse })
  async approve(
    @CurrentUser() actor: AuthUser,
    @Body() dto: ApproveQuestionsDto,
  ): Promise<QuestionListResponse> {
    return { items: await this.review.review(actor, dto) };
  }

  @Post()
  @Roles(Role.DomainExpert)
  @ApiOperation({ summary: 'Add a question by hand (unapproved)' })
  @ApiCreatedResponse({ type: QuestionResponse })
  create(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateQuestionDto,
  ): Promise<QuestionResponse> {
    return this.bank.createManual(actor, dto);
  }

  @Get()
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'List bank questions, newest first (filters job_id, approved)' })
  @ApiOkResponse({ type: QuestionPageResponse })
  list(@Query() query: QuestionQueryDto): Promise<Page<QuestionResponse>> {
    return this.bank.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One bank question, with its gold-standard answer and key points' })
  @Roles(Role.Recruiter)
  @ApiOkResponse({ type: QuestionResponse })
  get(@Param('id', ParseUuidPipe) id: string): Promise<QuestionResponse> {
    return this.bank.get(id);
  }

  @Get(':id/versions')
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'Every change of a question: created, edited, approved, rejected' })
  @ApiOkResponse({ type: QuestionVersionListResponse })
  async versions(@Param('id', ParseUuidPipe) id: string): Promise<QuestionVersionListResponse> {
    return { items: await this.history.versions(id) };
  }

  @Patch(':id')
  @ApiProblems({ 409: 'The edit changes nothing (NOTHING_TO_CHANGE)' })
  @Roles(Role.DomainExpert)
  @ApiOperation({ summary: 'Edit a question; any edit withdraws its approval' })
  @ApiOkResponse({ type: QuestionResponse })
  edit(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: UpdateQuestionDto,
  ): Promise<QuestionResponse> {
    return this.bank.edit(actor, id, dto);
  }
}
