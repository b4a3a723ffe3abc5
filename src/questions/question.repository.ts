import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import type { Page } from '../common/pagination/cursor';
import { keysetPage } from '../common/pagination/keyset';
import type { PageRequest } from '../common/pagination/keyset';
import { QuestionVersion } from './entities/question-version.entity';
import { Question } from './entities/question.entity';

// A job's bank: the questions with a job, optionally one job's, optionally by approval.
export interface BankScope {
  jobId?: string;
  approved?: boolean;
}

// Every query of the question module's tables. Bank questions are the ones with a job; practice
// questions (no job) share the table and are reached only by id.
@Injectable()
export class QuestionRepository {
  constructor(
    @InjectRepository(Question) private readonly rows: Repository<Question>,
    @InjectRepository(QuestionVersion) private readonly versions: Repository<QuestionVersion>,
  ) {}

  private on(manager: EntityManager | undefined): EntityManager {
    return manager ?? this.rows.manager;
  }

  async insert(question: Question, manager: EntityManager): Promise<Question> {
    await manager.insert(Question, question);
    return manager.findOneByOrFail(Question, { id: question.id });
  }

  async update(id: string, patch: Partial<Question>, manager: EntityManager): Promise<Question> {
    await manager.update(Question, { id }, patch);
    return manager.findOneByOrFail(Question, { id });
  }

  findBankQuestion(id: string): Promise<Question | null> {
    return this.rows.findOneBy({ id, jobId: Not(IsNull()) });
  }

  bankQuestionExists(id: string): Promise<boolean> {
    return this.rows.existsBy({ id, jobId: Not(IsNull()) });
  }

  lockBankQuestion(id: string, manager: EntityManager): Promise<Question | null> {
    return manager
      .getRepository(Question)
      .createQueryBuilder('q')
      .setLock('pessimistic_write')
      .where('q.id = :id AND q.job_id IS NOT NULL', { id })
      .getOne();
  }

  // Locked in id order so two overlapping reviews cannot deadlock.
  lockBankQuestionsInIdOrder(ids: string[], manager: EntityManager): Promise<Question[]> {
    return manager
      .getRepository(Question)
      .createQueryBuilder('q')
      .setLock('pessimistic_write')
      .where('q.id IN (:...ids) AND q.job_id IS NOT NULL', { ids })
      .orderBy('q.id')
      .getMany();
  }

  findByIds(ids: string[], manager?: EntityManager): Promise<Question[]> {
    return this.on(manager).findBy(Question, { id: In(ids) });
  }

  findApprovedOfJob(jobId: string, ids: string[], manager: EntityManager): Promise<Question[]> {
    return manager.findBy(Question, { id: In(ids), jobId, isApproved: true });
  }

  oldestApprovedOfJob(jobId: string, count: number, manager: EntityManager): Promise<Question[]> {
    return manager.find(Question, {
      where: { jobId, isApproved: true },
      order: { approvedAt: 'ASC', id: 'ASC' },
      take: count,
    });
  }

  async recentTextsOfJob(jobId: string, limit: number): Promise<string[]> {
    const rows = await this.rows.find({
      select: { questionText: true },
      where: { jobId },
      order: { createdAt: 'DESC' },
      take: limit,
    });
    return rows.map((r) => r.questionText);
  }

  async bankTextHashes(hashes: string[]): Promise<Set<string>> {
    const rows = await this.rows.find({
      select: { textHash: true },
      where: { textHash: In(hashes), jobId: Not(IsNull()) },
    });
    return new Set(rows.map((r) => r.textHash));
  }

  async deletePracticeQuestions(ids: string[], manager: EntityManager): Promise<number> {
    const result = await manager.delete(Question, { id: In(ids), jobId: IsNull() });
    return result.affected ?? 0;
  }

  // Newest first.
  pageBank<T>(
    scope: BankScope,
    page: PageRequest,
    present: (question: Question) => T,
  ): Promise<Page<T>> {
    const qb = this.rows.createQueryBuilder('q').where('q.job_id IS NOT NULL');
    if (scope.jobId) {
      qb.andWhere('q.job_id = :jobId', { jobId: scope.jobId });
    }
    if (scope.approved !== undefined) {
      qb.andWhere('q.is_approved = :approved', { approved: scope.approved });
    }
    return keysetPage(
      qb,
      page,
      { column: 'created_at', direction: 'DESC', key: (q) => [q.createdAt, q.id] },
      present,
    );
  }

  async insertVersion(version: QuestionVersion, manager: EntityManager): Promise<void> {
    // jsonb columns typed as records do not fit QueryDeepPartialEntity (same cast as AuditService).
    await manager.insert(QuestionVersion, version as never);
  }

  versionsOf(questionId: string): Promise<QuestionVersion[]> {
    return this.versions.find({ where: { questionId }, order: { version: 'ASC' } });
  }
}
