import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, EntityManager, In, Repository } from 'typeorm';
import type { Page } from '../common/pagination/cursor';
import { keysetPage, PageRequest } from '../common/pagination/keyset';
import { applySyncWindow, syncPage, syncWindow } from '../common/pagination/sync-window';
import type { SyncPageQueryDto } from '../common/pagination/sync-window';
import { pageLimit } from '../common/pagination/cursor';
import { InterviewEvent } from './entities/interview-event.entity';
import { InterviewQuestion } from './entities/interview-question.entity';
import { Interview } from './entities/interview.entity';
import type { InterviewKind, InterviewStatus } from './entities/interview.entity';

export interface InterviewListFilter {
  candidateId?: string;
  jobId?: string;
  applicationId?: string;
  status?: InterviewStatus;
  kind?: InterviewKind;
}

export interface AskedQuestionRow {
  question_id: string;
  question_text: string;
  question_type: string;
}

// The interviews, their questions as asked and their browser-reported events.
@Injectable()
export class InterviewRepository {
  constructor(@InjectRepository(Interview) private readonly rows: Repository<Interview>) {}

  private on(manager: EntityManager | undefined): EntityManager {
    return manager ?? this.rows.manager;
  }

  findById(id: string, manager?: EntityManager): Promise<Interview | null> {
    return this.on(manager).findOneBy(Interview, { id });
  }

  findByIdOrFail(id: string, manager?: EntityManager): Promise<Interview> {
    return this.on(manager).findOneByOrFail(Interview, { id });
  }

  // The row lock every change of an interview (and of its answers and scores) takes first.
  lockById(id: string, manager: EntityManager): Promise<Interview | null> {
    return manager
      .getRepository(Interview)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :id', { id })
      .getOne();
  }

  // What a guest token's check needs, read on every request it makes.
  findAccessState(id: string): Promise<Pick<Interview, 'id' | 'status' | 'candidateId'> | null> {
    return this.rows.findOne({
      where: { id },
      select: { id: true, status: true, candidateId: true },
    });
  }

  async insert(values: DeepPartial<Interview>, manager?: EntityManager): Promise<Interview> {
    const entity = this.on(manager).create(Interview, values);
    await this.on(manager).insert(Interview, entity);
    return entity;
  }

  // The id travels with the values: encrypted columns are bound to their row.
  async update(
    id: string,
    changes: DeepPartial<Interview>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.on(manager).update(Interview, { id }, { id, ...changes });
  }

  // A row from before the track was encrypted still has its plain key until backfilled.
  findActivePractice(
    candidateId: string,
    trackHash: string,
    legacyTrackKey: string,
    manager?: EntityManager,
  ): Promise<Interview | null> {
    const open = {
      candidateId,
      kind: 'practice' as const,
      status: In(['Scheduled', 'In Progress']),
    };
    return this.on(manager).findOne(Interview, {
      where: [
        { ...open, trackHash },
        { ...open, legacyTrackKey },
      ],
    });
  }

  async idsOfCandidate(candidateId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await this.on(manager).find(Interview, {
      select: { id: true },
      where: { candidateId },
    });
    return rows.map((i) => i.id);
  }

  hasScreeningFor(candidateId: string, jobId: string): Promise<boolean> {
    return this.rows.existsBy({ candidateId, jobId, kind: 'screening' });
  }

  // Newest first, or with updated_after the incremental-sync walk (oldest change first).
  async page(
    filter: InterviewListFilter,
    query: PageRequest & SyncPageQueryDto,
  ): Promise<Page<Interview>> {
    const qb = this.rows.createQueryBuilder('i');
    if (filter.candidateId) {
      qb.andWhere('i.candidate_id = :candidateId', { candidateId: filter.candidateId });
    }
    if (filter.jobId) {
      qb.andWhere('i.job_id = :jobId', { jobId: filter.jobId });
    }
    if (filter.applicationId) {
      qb.andWhere('i.application_id = :applicationId', { applicationId: filter.applicationId });
    }
    if (filter.status) {
      qb.andWhere('i.status = :status', { status: filter.status });
    }
    if (filter.kind) {
      qb.andWhere('i.kind = :kind', { kind: filter.kind });
    }
    const sync = await syncWindow(this.rows, query);
    if (!sync) {
      return keysetPage(
        qb,
        query,
        { column: 'created_at', direction: 'DESC', key: (i) => [i.createdAt, i.id] },
        (i) => i,
      );
    }
    const limit = pageLimit(query.limit);
    const rows = await applySyncWindow(qb, 'i', sync)
      .limit(limit + 1)
      .getMany();
    return syncPage(
      this.rows,
      'interviews',
      sync,
      rows,
      limit,
      (i) => [i.updatedAt.toISOString(), i.id],
      (i) => i,
    );
  }

  // Screening interviews starting in (now, until], soonest first.
  dueForReminder(now: Date, until: Date, limit: number): Promise<Interview[]> {
    return this.rows
      .createQueryBuilder('i')
      .where("i.kind = 'screening' AND i.status = 'Scheduled'")
      .andWhere('i.scheduled_at > :now AND i.scheduled_at <= :until', { now, until })
      .orderBy('i.scheduled_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  questionsOf(interviewId: string, manager?: EntityManager): Promise<InterviewQuestion[]> {
    return this.on(manager).find(InterviewQuestion, {
      where: { interviewId },
      order: { position: 'ASC' },
    });
  }

  // Up to `limit` questions in order, after a position (a page cursor) when given.
  questionsAfter(
    interviewId: string,
    afterPosition: number | null,
    limit: number,
  ): Promise<InterviewQuestion[]> {
    const qb = this.on(undefined)
      .getRepository(InterviewQuestion)
      .createQueryBuilder('q')
      .where('q.interview_id = :interviewId', { interviewId });
    if (afterPosition !== null) {
      qb.andWhere('q.position > :position', { position: afterPosition });
    }
    return qb.orderBy('q.position', 'ASC').limit(limit).getMany();
  }

  findQuestion(
    interviewId: string,
    questionId: string,
    manager?: EntityManager,
  ): Promise<InterviewQuestion | null> {
    return this.on(manager).findOneBy(InterviewQuestion, { interviewId, questionId });
  }

  hasQuestion(interviewId: string, questionId: string, manager?: EntityManager): Promise<boolean> {
    return this.on(manager).existsBy(InterviewQuestion, { interviewId, questionId });
  }

  async insertQuestions(
    rows: DeepPartial<InterviewQuestion>[],
    manager?: EntityManager,
  ): Promise<InterviewQuestion[]> {
    const entities = rows.map((row) => this.on(manager).create(InterviewQuestion, row));
    if (entities.length > 0) {
      await this.on(manager).insert(InterviewQuestion, entities);
    }
    return entities;
  }

  // The questions a candidate has been asked for a job, in interviews they started: one row per
  // bank question (its latest wording), by question id after the cursor.
  askedQuestions(
    candidateId: string,
    jobId: string,
    afterQuestionId: string | null,
    limit: number,
  ): Promise<AskedQuestionRow[]> {
    return this.rows.query<AskedQuestionRow[]>(
      `SELECT DISTINCT ON (q.question_id) q.question_id, q.question_text, q.question_type
         FROM interview_questions q JOIN interviews i ON i.id = q.interview_id
        WHERE i.candidate_id = $1 AND i.job_id = $2 AND i.status IN ('In Progress', 'Completed')
          AND ($3::uuid IS NULL OR q.question_id > $3::uuid)
        ORDER BY q.question_id, i.started_at DESC
        LIMIT $4`,
      [candidateId, jobId, afterQuestionId, limit],
    );
  }

  countEvents(interviewId: string, manager?: EntityManager): Promise<number> {
    return this.on(manager).countBy(InterviewEvent, { interviewId });
  }

  async insertEvent(event: DeepPartial<InterviewEvent>, manager?: EntityManager): Promise<void> {
    await this.on(manager).insert(InterviewEvent, event);
  }

  eventsOf(interviewId: string, manager?: EntityManager): Promise<InterviewEvent[]> {
    return this.on(manager).find(InterviewEvent, {
      where: { interviewId },
      order: { occurredAt: 'ASC' },
    });
  }
}
