import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { GeneratePracticeQuestionsDto, StartPracticeDto } from './dto/practice.dto';
import { InterviewQuestionText, InterviewResponse } from './interview.presenter';
import { PracticeService } from './practice/practice.service';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

class PracticeQuestionsResponse {
  @ApiProperty({ type: [InterviewQuestionText] }) items: InterviewQuestionText[];
}

@ApiTags('interviews')
@Controller('interviews')
export class PracticeController {
  constructor(private readonly practice: PracticeService) {}

  @Post('practice')
  @ApiProblems({ 403: 'Practice interviews are for candidate accounts (PRACTICE_FOR_CANDIDATES)' })
  @Roles(Role.Candidate)
  @ApiOperation({
    summary: "Create (201) or resume (200) the candidate's active practice interview for a track",
  })
  @ApiCreatedResponse({ type: InterviewResponse })
  @ApiOkResponse({ type: InterviewResponse })
  async start(
    @CurrentUser() user: AuthUser,
    @Body() dto: StartPracticeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewResponse> {
    const { interview, created } = await this.practice.startOrResume(user, dto);
    void reply.status(created ? 201 : 200);
    return interview;
  }

  @Post(':id/generate-questions')
  @ApiProblems({
    409: 'Not a practice interview (PRACTICE_ONLY), completed or cancelled (INTERVIEW_CLOSED), full (TOO_MANY_QUESTIONS), or no new question is left for the track (NO_MORE_QUESTIONS)',
  })
  @HttpCode(201)
  @Roles(Role.Candidate)
  @ApiOperation({
    summary:
      'Add practice questions (offline generator, the track as skill; optionally profile skills)',
  })
  @ApiCreatedResponse({ type: PracticeQuestionsResponse })
  async generate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: GeneratePracticeQuestionsDto,
  ): Promise<PracticeQuestionsResponse> {
    return { items: await this.practice.generateQuestions(user, id, dto) };
  }
}
