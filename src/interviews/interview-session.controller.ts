import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth/policy.decorators';
import { AcceptsInterviewGuest, CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { readJsonOrMultipart } from '../common/http/body-reader';
import { AnswerReceipt, ProctoringEventDto, SubmitAnswerDto } from './dto/session.dto';
import { InterviewResponse, StartInterviewResponse } from './interview.presenter';
import { AnswerSubmissionService } from './session/answer-submission.service';
import { InterviewSessionService } from './session/interview-session.service';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiFileField, ApiProblems } from '../common/openapi/api-docs.decorators';

class EventAccepted {
  @ApiProperty({ example: true }) accepted: boolean;
}

// Taking an interview: its own candidate only (others get 404); completing also by staff.
@ApiTags('interviews')
@ApiScope('interviews')
@Controller('interviews')
export class InterviewSessionController {
  constructor(
    private readonly session: InterviewSessionService,
    private readonly answers: AnswerSubmissionService,
  ) {}

  @Post(':id/start')
  @ApiProblems({
    409: 'The interview is completed or cancelled (INTERVIEW_CLOSED), not open yet (INTERVIEW_NOT_OPEN), or has no questions (NO_QUESTIONS)',
  })
  @HttpCode(200)
  @Roles(Role.Candidate)
  @AcceptsInterviewGuest()
  @ApiOperation({
    summary: 'Start (or resume) the interview: its questions, text only',
    description: 'Opens 15 minutes before scheduled_at. The status becomes In Progress.',
  })
  @ApiOkResponse({ type: StartInterviewResponse })
  start(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<StartInterviewResponse> {
    return this.session.start(user, id);
  }

  @Post(':id/answers')
  @ApiProblems({
    409: 'The interview is not in progress (INTERVIEW_NOT_IN_PROGRESS), the question was already answered (ANSWER_ALREADY_SUBMITTED), or a practice answer lacks ai_evaluation consent (AI_EVALUATION_CONSENT_REQUIRED)',
    413: 'The audio is larger than MAX_FILE_SIZE',
    415: 'The audio is not WAV, MP3, M4A, FLAC, WebM or Ogg (read from its bytes)',
  })
  @ApiFileField({
    name: 'audio',
    description:
      'A recorded answer: WAV, MP3, M4A, FLAC, WebM or Ogg (send either this or answer_text)',
  })
  @Roles(Role.Candidate)
  @AcceptsInterviewGuest()
  @ApiOperation({
    summary: 'Answer one question (once)',
    description:
      'JSON { question_id, answer_text }, or multipart/form-data { question_id, audio } (WAV, MP3, M4A, FLAC, WebM or Ogg, checked from the bytes). Text answers are queued for scoring (scoring_status pending), or wait for a human without ai_evaluation consent (awaiting_human). Audio is stored encrypted with scoring_status awaiting_transcript; when a transcription provider is configured (GEMINI_API_KEY) and the candidate granted ai_evaluation consent, a background job transcribes it and queues it for scoring. Otherwise it waits for POST /api/transcribe with answer_id, or a domain expert reviews it. A second answer to the same question → 409.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: SubmitAnswerDto })
  @ApiCreatedResponse({ type: AnswerReceipt })
  async answer(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<AnswerReceipt> {
    const { dto, file } = await readJsonOrMultipart(request, SubmitAnswerDto, ['audio']);
    return this.answers.submit(user, id, dto, file);
  }

  @Post(':id/events')
  @ApiProblems({
    409: 'The interview is completed or cancelled (INTERVIEW_CLOSED)',
    429: 'The interview already reported the maximum number of events',
  })
  @HttpCode(202)
  @Roles(Role.Candidate)
  @AcceptsInterviewGuest()
  @ApiOperation({
    summary: 'Report a proctoring event; it feeds fraud_risk and never changes a score',
  })
  @ApiAcceptedResponse({ type: EventAccepted })
  async event(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: ProctoringEventDto,
  ): Promise<EventAccepted> {
    await this.session.recordEvent(user, id, dto);
    return { accepted: true };
  }

  @Post(':id/complete')
  @ApiProblems({
    409: 'Only an interview in progress can be completed (INTERVIEW_NOT_IN_PROGRESS)',
  })
  @HttpCode(200)
  @Roles(Role.Candidate)
  @AcceptsInterviewGuest()
  @ApiOperation({
    summary:
      'Finish the interview (its candidate or recruiter+); scoring completes in the background',
  })
  @ApiOkResponse({ type: InterviewResponse })
  complete(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<InterviewResponse> {
    return this.session.complete(user, id);
  }
}
