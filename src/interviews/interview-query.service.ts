import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/policy.decorators';
import { isStaff } from '../common/auth/role';
import { BadRequestProblem, NotFoundProblem } from '../common/errors/domain.exception';
import { decodeCursor, Page, PageQueryDto, pageLimit, toPage } from '../common/pagination/cursor';
import type { CandidateQuestionResponse } from '../questions/question.presenter';
import { InterviewQueryDto } from './dto/schedule-interview.dto';
import { InterviewAccessService } from './interview-access.service';
import { InterviewMeetingQueryService } from './interview-meeting-query.service';
import { InterviewRepository } from './interview.repository';
import {
  InterviewQuestionText,
  InterviewResponse,
  presentInterview,
  presentQuestionText,
} from './interview.presenter';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalidCursor(): BadRequestProblem {
  return new BadRequestProblem('INVALID_CURSOR', 'The cursor is not valid for this list', [
    { field: 'cursor', message: 'cursor must be a value returned by this list' },
  ]);
}

export interface StaffInterviewQuestion extends InterviewQuestionText {
  difficulty_level: string;
  skills_tested: string[];
  gold_standard_answer: string;
  key_points: string[];
}

@Injectable()
export class InterviewQueryService {
  constructor(
    private readonly interviews: InterviewRepository,
    private readonly access: InterviewAccessService,
    private readonly meetings: InterviewMeetingQueryService,
  ) {}

  async get(viewer: AuthUser, id: string): Promise<InterviewResponse> {
    const interview = await this.access.loadForViewer(viewer, id);
    const staff = isStaff(viewer.role);
    return presentInterview(interview, staff, await this.meetings.forInterview(id, staff));
  }

  // Newest first. Staff see all (with filters); a candidate sees their own only.
  async list(viewer: AuthUser, query: InterviewQueryDto): Promise<Page<InterviewResponse>> {
    const staff = isStaff(viewer.role);
    let candidateId: string | undefined;
    if (!staff) {
      candidateId = (await this.access.candidateIdOf(viewer)) ?? undefined;
      if (!candidateId) {
        return { items: [], next_cursor: null, limit: pageLimit(query.limit) };
      }
    }
    const page = await this.interviews.page(
      {
        candidateId,
        jobId: query.job_id,
        applicationId: query.application_id,
        status: query.status,
        kind: query.kind,
      },
      query,
    );
    const meetings = await this.meetings.forInterviews(
      page.items.map((i) => i.id),
      staff,
    );
    return {
      ...page,
      items: page.items.map((i) => presentInterview(i, staff, meetings.get(i.id) ?? null)),
    };
  }

  // An interview's questions in order: text only for its candidate, everything for staff.
  async questions(
    viewer: AuthUser,
    id: string,
    query: PageQueryDto,
  ): Promise<Page<InterviewQuestionText | StaffInterviewQuestion>> {
    await this.access.loadForViewer(viewer, id);
    const staff = isStaff(viewer.role);
    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, 1);
    if (after && !Number.isInteger(after[0])) {
      throw invalidCursor();
    }
    const rows = await this.interviews.questionsAfter(
      id,
      after ? Number(after[0]) : null,
      limit + 1,
    );
    return toPage(
      rows,
      limit,
      (q) => [q.position],
      (q) =>
        staff
          ? {
              ...presentQuestionText(q),
              difficulty_level: q.difficultyLevel,
              skills_tested: q.skillsTested,
              gold_standard_answer: q.goldStandardAnswer,
              key_points: q.keyPoints,
            }
          : presentQuestionText(q),
    );
  }

  // A candidate's view of a job's questions: the ones they have been asked, in interviews for
  // that job they have started. Unstarted interviews reveal nothing in advance; a job they have
  // no interview for answers 404.
  async askedQuestionsForCandidate(
    viewer: AuthUser,
    jobId: string,
    query: PageQueryDto,
  ): Promise<Page<CandidateQuestionResponse>> {
    const candidateId = await this.access.candidateIdOf(viewer);
    const hasInterview =
      candidateId !== null && (await this.interviews.hasScreeningFor(candidateId, jobId));
    if (!hasInterview) {
      throw new NotFoundProblem('Job');
    }
    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, 1);
    if (after && !UUID.test(String(after[0]))) {
      throw invalidCursor();
    }
    const rows = await this.interviews.askedQuestions(
      candidateId,
      jobId,
      after ? String(after[0]) : null,
      limit + 1,
    );
    return toPage(
      rows,
      limit,
      (r) => [r.question_id],
      (r) => ({
        id: r.question_id,
        question_text: r.question_text,
        question_type: r.question_type as CandidateQuestionResponse['question_type'],
      }),
    );
  }
}
