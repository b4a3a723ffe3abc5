import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth/policy.decorators';
import { isStaff } from '../common/auth/role';
import { BadRequestProblem, NotFoundProblem } from '../common/errors/domain.exception';
import { decodeCursor, Page, PageQueryDto, pageLimit, toPage } from '../common/pagination/cursor';
import { applySyncWindow, syncPage, syncWindow } from '../common/pagination/sync-window';
import type { CandidateQuestionResponse } from '../questions/question.presenter';
import { InterviewQueryDto } from './dto/schedule-interview.dto';
import { Interview } from './entities/interview.entity';
import { InterviewQuestion } from './entities/interview-question.entity';
import { InterviewAccessService } from './interview-access.service';
import { InterviewMeetingQueryService } from './interview-meeting-query.service';
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
    private readonly dataSource: DataSource,
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
    const limit = pageLimit(query.limit);
    const staff = isStaff(viewer.role);
    const qb = this.dataSource.getRepository(Interview).createQueryBuilder('i');
    if (!staff) {
      const candidateId = await this.access.candidateIdOf(viewer);
      if (!candidateId) {
        return { items: [], next_cursor: null, limit };
      }
      qb.andWhere('i.candidate_id = :candidateId', { candidateId });
    }
    if (query.job_id) {
      qb.andWhere('i.job_id = :jobId', { jobId: query.job_id });
    }
    if (query.application_id) {
      qb.andWhere('i.application_id = :applicationId', { applicationId: query.application_id });
    }
    if (query.status) {
      qb.andWhere('i.status = :status', { status: query.status });
    }
    if (query.kind) {
      qb.andWhere('i.kind = :kind', { kind: query.kind });
    }
    const sync = await syncWindow(this.dataSource, query);
    if (sync) {
      applySyncWindow(qb, 'i', sync);
    } else {
      const after = decodeCursor(query.cursor, 2);
      if (after) {
        qb.andWhere('(i.created_at, i.id) < (:at, :id)', { at: after[0], id: after[1] });
      }
      qb.orderBy('i.created_at', 'DESC').addOrderBy('i.id', 'DESC');
    }
    const rows = await qb.limit(limit + 1).getMany();
    const meetings = await this.meetings.forInterviews(
      rows.slice(0, limit).map((i) => i.id),
      staff,
    );
    const present = (i: Interview) => presentInterview(i, staff, meetings.get(i.id) ?? null);
    if (sync) {
      const position = (i: Interview): [string, string] => [i.updatedAt.toISOString(), i.id];
      return syncPage(this.dataSource, 'interviews', sync, rows, limit, position, present);
    }
    return toPage(rows, limit, (i) => [i.createdAt.toISOString(), i.id], present);
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
    const qb = this.dataSource
      .getRepository(InterviewQuestion)
      .createQueryBuilder('q')
      .where('q.interview_id = :id', { id });
    const after = decodeCursor(query.cursor, 1);
    if (after) {
      if (!Number.isInteger(after[0])) {
        throw invalidCursor();
      }
      qb.andWhere('q.position > :position', { position: after[0] });
    }
    const rows = await qb
      .orderBy('q.position', 'ASC')
      .limit(limit + 1)
      .getMany();
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
      candidateId !== null &&
      (await this.dataSource
        .getRepository(Interview)
        .existsBy({ candidateId, jobId, kind: 'screening' }));
    if (!hasInterview) {
      throw new NotFoundProblem('Job');
    }
    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, 1);
    if (after && !UUID.test(String(after[0]))) {
      throw invalidCursor();
    }
    const rows = await this.dataSource.query<
      { question_id: string; question_text: string; question_type: string }[]
    >(
      `SELECT DISTINCT ON (q.question_id) q.question_id, q.question_text, q.question_type
         FROM interview_questions q JOIN interviews i ON i.id = q.interview_id
        WHERE i.candidate_id = $1 AND i.job_id = $2 AND i.status IN ('In Progress', 'Completed')
          AND ($3::uuid IS NULL OR q.question_id > $3::uuid)
        ORDER BY q.question_id, i.started_at DESC
        LIMIT $4`,
      [candidateId, jobId, after ? String(after[0]) : null, limit + 1],
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
