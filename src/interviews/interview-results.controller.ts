import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { ReviewAnswerDto } from './dto/session.dto';
import { InterviewResultsService } from './results/interview-results.service';
import {
  AnswerResult,
  InterviewResultsResponse,
  PracticeFeedbackResponse,
} from './results/results.presenter';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('interviews')
@ApiScope('interviews')
@Controller('interviews')
export class InterviewResultsController {
  constructor(private readonly results: InterviewResultsService) {}

  @Get(':id/results')
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary:
      'Per-answer scores, rationale and key points; overall score, recommendation, fraud risk',
  })
  @ApiOkResponse({ type: InterviewResultsResponse })
  get(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<InterviewResultsResponse> {
    return this.results.results(viewer, id);
  }

  @Post(':id/answers/:answerId/review')
  @HttpCode(200)
  @Roles(Role.DomainExpert)
  @ApiOperation({
    summary: 'Human review: scores that override the machine score (kept beside it)',
    description: 'Re-finalises the interview at once. Reviewing again replaces the earlier review.',
  })
  @ApiOkResponse({ type: AnswerResult })
  review(
    @CurrentUser() reviewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Param('answerId', ParseUuidPipe) answerId: string,
    @Body() dto: ReviewAnswerDto,
  ): Promise<AnswerResult> {
    return this.results.review(reviewer, id, answerId, dto);
  }

  @Get(':id/feedback')
  @ApiProblems({
    403: 'A screening interview: its scores are for the hiring team (FEEDBACK_PRACTICE_ONLY)',
  })
  @Roles(Role.Candidate)
  @ApiOperation({
    summary: 'Practice feedback for the candidate: scores and coaching per answer',
    description:
      'Practice interviews only; a screening interview answers 403 (its scores are for the hiring team).',
  })
  @ApiOkResponse({ type: PracticeFeedbackResponse })
  feedback(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<PracticeFeedbackResponse> {
    return this.results.practiceFeedback(viewer, id);
  }
}
