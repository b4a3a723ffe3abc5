import { ApiScope } from '../common/auth/api-scopes';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { isStaff, Role } from '../common/auth/role';
import { Page, PageQueryDto } from '../common/pagination/cursor';
import { QuestionBankService } from '../questions/question-bank.service';
import {
  ApprovedQuestionPageResponse,
  CandidateQuestionResponse,
  QuestionResponse,
} from '../questions/question.presenter';
import { InterviewQueryService } from './interview-query.service';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';

// Lives in the interviews module because a candidate's answer depends on their interviews (the
// questions module cannot depend on this one without a cycle).
@ApiTags('questions')
@ApiScope('questions')
@Controller('questions')
export class CandidateQuestionsController {
  constructor(
    private readonly bank: QuestionBankService,
    private readonly interviews: InterviewQueryService,
  ) {}

  @Get('approved/:jobId')
  @Roles(Role.Candidate)
  @ApiOperation({
    summary: "A job's approved questions",
    description:
      'Recruiter+: every approved question, complete. A candidate: text only, and only the questions of their own started interviews for the job; a job they have no interview for → 404. Never gold_standard_answer or key_points for candidates.',
  })
  @ApiOkResponse({ type: ApprovedQuestionPageResponse })
  approved(
    @CurrentUser() viewer: AuthUser,
    @Param('jobId', ParseUuidPipe) jobId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<QuestionResponse | CandidateQuestionResponse>> {
    if (isStaff(viewer.role)) {
      return this.bank.listApproved(jobId, query);
    }
    return this.interviews.askedQuestionsForCandidate(viewer, jobId, query);
  }
}
