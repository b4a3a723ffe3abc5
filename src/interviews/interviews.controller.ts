import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../common/auth/policy.decorators';
import { AcceptsInterviewGuest, CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { Page, PageQueryDto } from '../common/pagination/cursor';
import { InterviewCalendarService } from './calendar/interview-calendar.service';
import {
  CancelInterviewDto,
  InterviewQueryDto,
  RescheduleInterviewDto,
  ScheduleInterviewDto,
} from './dto/schedule-interview.dto';
import { InterviewQueryService } from './interview-query.service';
import type { StaffInterviewQuestion } from './interview-query.service';
import {
  InterviewPageResponse,
  InterviewQuestionText,
  InterviewResponse,
} from './interview.presenter';
import { InterviewSchedulingService } from './scheduling/interview-scheduling.service';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('interviews')
@ApiScope('interviews')
@Controller('interviews')
export class InterviewsController {
  constructor(
    private readonly scheduling: InterviewSchedulingService,
    private readonly query: InterviewQueryService,
    private readonly calendar: InterviewCalendarService,
  ) {}

  @Post()
  @ApiProblems({
    404: 'No such application, or one of question_ids is not a question of its job',
    409: 'The application is hired, rejected or withdrawn (APPLICATION_CLOSED), or the job has no approved questions / a given question is not approved (NO_APPROVED_QUESTIONS, QUESTIONS_NOT_APPROVED)',
  })
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: 'Schedule a screening interview',
    description:
      'Questions are the given approved questions of the job, or question_count of them (default 5); a job with none approved → 409. The application moves to its Interview Scheduled stage unless already there or beyond.',
  })
  @ApiCreatedResponse({ type: InterviewResponse })
  schedule(
    @CurrentUser() actor: AuthUser,
    @Body() dto: ScheduleInterviewDto,
  ): Promise<InterviewResponse> {
    return this.scheduling.schedule(actor, dto);
  }

  @Get()
  @Roles(Role.Candidate)
  @ApiOperation({
    summary: 'Interviews, newest first: all for staff (filters), own for candidates',
  })
  @ApiOkResponse({ type: InterviewPageResponse })
  list(
    @CurrentUser() viewer: AuthUser,
    @Query() query: InterviewQueryDto,
  ): Promise<Page<InterviewResponse>> {
    return this.query.list(viewer, query);
  }

  @Get(':id')
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'One interview (its candidate or recruiter+)' })
  @ApiOkResponse({ type: InterviewResponse })
  get(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<InterviewResponse> {
    return this.query.get(viewer, id);
  }

  @Patch(':id')
  @ApiProblems({ 409: 'Only a Scheduled interview can be changed (INTERVIEW_NOT_RESCHEDULABLE)' })
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'Reschedule (time, duration, mode, video); bumps the invite SEQUENCE' })
  @ApiOkResponse({ type: InterviewResponse })
  reschedule(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: RescheduleInterviewDto,
  ): Promise<InterviewResponse> {
    return this.scheduling.reschedule(actor, id, dto);
  }

  @Post(':id/cancel')
  @ApiOperation({ summary: 'Cancel an interview; the invitee receives a CANCEL invite' })
  @ApiProblems({ 409: 'A completed interview cannot be cancelled (INTERVIEW_COMPLETED)' })
  @HttpCode(200)
  @Roles(Role.Recruiter)
  @ApiOkResponse({ type: InterviewResponse })
  cancel(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: CancelInterviewDto,
  ): Promise<InterviewResponse> {
    return this.scheduling.cancel(actor, id, dto);
  }

  @Get(':id/calendar.ics')
  @Roles(Role.Candidate)
  @ApiOperation({
    summary: 'iCalendar invitation (RFC 5545): METHOD:REQUEST, or CANCEL once cancelled',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ schema: { type: 'string' } })
  async calendarFile(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const file = await this.calendar.invite(viewer, id);
    void reply
      .header('Content-Type', `text/calendar; charset=utf-8; method=${file.method}`)
      .header('Content-Disposition', `attachment; filename="${file.filename}"`);
    return file.body;
  }

  @Get(':id/questions')
  @Roles(Role.Candidate)
  @AcceptsInterviewGuest()
  @ApiOperation({
    summary: "An interview's questions in order",
    description:
      'Its candidate gets { id, question_text, question_type, order } only; recruiter+ also get difficulty, skills, gold-standard answer and key points.',
  })
  @ApiOkResponse({ type: InterviewPageResponse })
  questions(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<InterviewQuestionText | StaffInterviewQuestion>> {
    return this.query.questions(viewer, id, query);
  }
}
