import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { isStaff } from '../../common/auth/role';
import {
  BadRequestProblem,
  ConflictProblem,
  TooManyRequestsProblem,
} from '../../common/errors/domain.exception';
import { QueueService } from '../../queue/queue.service';
import { ProctoringEventDto } from '../dto/session.dto';
import { AnswerRepository } from '../answer.repository';
import { Transactions } from '../../database/transactions';
import { InterviewAccessService } from '../interview-access.service';
import { InterviewRepository } from '../interview.repository';
import { InterviewEventsPublisher } from '../interview-events.publisher';
import { InterviewMeetingQueryService } from '../interview-meeting-query.service';
import {
  InterviewResponse,
  presentInterview,
  presentQuestionText,
  StartInterviewResponse,
} from '../interview.presenter';
import { InterviewMailerService } from '../invitations/interview-mailer.service';
import { INTERVIEW_FINALISE_QUEUE } from '../interviews.queues';

// Candidates may open an interview this long before its scheduled time.
const EARLY_START_MS = 15 * 60_000;
const MAX_EVENTS_PER_INTERVIEW = 1000;

// A browser may send any short text in an event's detail (the pasted text itself); only numbers
// and booleans feed fraud risk, and only they are stored.
function measurementsOnly(
  detail: Record<string, string | number | boolean> | undefined,
): Record<string, number | boolean> {
  return Object.fromEntries(
    Object.entries(detail ?? {}).filter(
      (entry): entry is [string, number | boolean] => typeof entry[1] !== 'string',
    ),
  );
}

@Injectable()
export class InterviewSessionService {
  constructor(
    private readonly transactions: Transactions,
    private readonly interviews: InterviewRepository,
    private readonly answers: AnswerRepository,
    private readonly access: InterviewAccessService,
    private readonly audit: AuditService,
    private readonly queue: QueueService,
    private readonly events: InterviewEventsPublisher,
    private readonly meetings: InterviewMeetingQueryService,
    private readonly mailer: InterviewMailerService,
  ) {}

  // Starting twice resumes: the same questions, with which ones are already answered.
  async start(user: AuthUser, id: string): Promise<StartInterviewResponse> {
    return this.transactions.run(async (manager) => {
      let interview = await this.access.lockOwn(manager, user, id);
      if (interview.status === 'Completed' || interview.status === 'Cancelled') {
        throw new ConflictProblem('INTERVIEW_CLOSED', `The interview is ${interview.status}`);
      }
      if (interview.questionCount === 0) {
        throw new ConflictProblem(
          'NO_QUESTIONS',
          'The interview has no questions yet (practice: generate questions first)',
        );
      }
      if (interview.status === 'Scheduled') {
        if (Date.now() < interview.scheduledAt.getTime() - EARLY_START_MS) {
          throw new ConflictProblem(
            'INTERVIEW_NOT_OPEN',
            `The interview opens 15 minutes before ${interview.scheduledAt.toISOString()}`,
          );
        }
        await this.interviews.update(id, { status: 'In Progress', startedAt: new Date() }, manager);
        await this.audit.record(manager, {
          actorId: user.id,
          actorRole: user.role,
          action: 'interview.started',
          targetType: 'interview',
          targetId: id,
        });
        interview = await this.interviews.findByIdOrFail(id, manager);
      }
      const questions = await this.access.questionsOf(id, manager);
      const answered = await this.answers.answeredQuestionIds(id, manager);
      return {
        interview: presentInterview(
          interview,
          false,
          await this.meetings.forInterview(id, false, manager),
        ),
        questions: questions.map((q) => ({
          ...presentQuestionText(q),
          answered: answered.has(q.questionId),
        })),
      };
    });
  }

  async recordEvent(user: AuthUser, id: string, dto: ProctoringEventDto): Promise<void> {
    await this.transactions.run(async (manager) => {
      const interview = await this.access.lockOwn(manager, user, id);
      if (interview.status !== 'Scheduled' && interview.status !== 'In Progress') {
        throw new ConflictProblem('INTERVIEW_CLOSED', `The interview is ${interview.status}`);
      }
      if (dto.question_id && !(await this.interviews.hasQuestion(id, dto.question_id, manager))) {
        throw new BadRequestProblem(
          'QUESTION_NOT_IN_INTERVIEW',
          'The question is not part of this interview',
          [{ field: 'question_id', message: 'question_id must be a question of this interview' }],
        );
      }
      if ((await this.interviews.countEvents(id, manager)) >= MAX_EVENTS_PER_INTERVIEW) {
        throw new TooManyRequestsProblem(
          'This interview has reported the maximum number of events',
          60,
        );
      }
      await this.interviews.insertEvent(
        {
          id: randomUUID(),
          interviewId: id,
          type: dto.type,
          questionId: dto.question_id ?? null,
          detail: measurementsOnly(dto.detail),
          occurredAt: new Date(dto.at),
          receivedAt: new Date(),
        },
        manager,
      );
    });
  }

  // By its candidate or by staff. Completing twice is harmless; scoring finishes in the queue.
  async complete(user: AuthUser, id: string): Promise<InterviewResponse> {
    const staff = isStaff(user.role);
    const interview = await this.transactions.run(async (manager) => {
      const current = staff
        ? await this.access.lock(manager, id)
        : await this.access.lockOwn(manager, user, id);
      if (current.status === 'Completed') {
        return current;
      }
      if (current.status !== 'In Progress') {
        throw new ConflictProblem(
          'INTERVIEW_NOT_IN_PROGRESS',
          `Only an interview in progress can be completed; this one is ${current.status}`,
        );
      }
      const completedAt = new Date();
      await this.interviews.update(
        id,
        { status: 'Completed', completedAt, resultsStatus: 'scoring' },
        manager,
      );
      await this.queue.enqueue(INTERVIEW_FINALISE_QUEUE, { interview_id: id }, { manager });
      await this.audit.record(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'interview.completed',
        targetType: 'interview',
        targetId: id,
      });
      await this.events.completed(manager, current, completedAt);
      await this.mailer.completed(manager, current, completedAt);
      return this.interviews.findByIdOrFail(id, manager);
    });
    return presentInterview(interview, staff, await this.meetings.forInterview(id, staff));
  }
}
