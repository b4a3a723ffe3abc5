import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import type { DraftQuestion } from '../ai/ai-provider';
import type { AuthUser } from '../common/auth/policy.decorators';
import { ConflictProblem, NotFoundProblem } from '../common/errors/domain.exception';
import { decodeCursor, Page, PageQueryDto, pageLimit, toPage } from '../common/pagination/cursor';
import { JobsService } from '../jobs/jobs.service';
import { CreateQuestionDto, QuestionQueryDto, UpdateQuestionDto } from './dto/question.dto';
import { Question } from './entities/question.entity';
import type { QuestionSource } from './entities/question.entity';
import { QuestionHistoryService, questionTextHash } from './question-history.service';
import { presentQuestion, QuestionResponse } from './question.presenter';

function uniqueTrimmed(values: string[] | undefined): string[] {
  const seen = new Set<string>();
  return (values ?? [])
    .map((v) => v.trim())
    .filter((v) => v && !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()));
}

// The job question bank: manual questions, edits, listings, and the approved questions an
// interview may use. Practice questions (no job) live in the same table but never in the bank.
@Injectable()
export class QuestionBankService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly history: QuestionHistoryService,
  ) {}

  async createManual(actor: AuthUser, dto: CreateQuestionDto): Promise<QuestionResponse> {
    await this.jobs.getJob(dto.job_id);
    const question = await this.dataSource.transaction(async (manager) => {
      const [created] = await this.insertDrafts(manager, actor, dto.job_id, 'manual', null, [
        {
          question_text: dto.question_text,
          question_type: dto.question_type,
          difficulty_level: dto.difficulty_level,
          skills_tested: uniqueTrimmed(dto.skills_tested),
          gold_standard_answer: dto.gold_standard_answer,
          key_points: dto.key_points.map((k) => k.trim()),
        },
      ]);
      return created;
    });
    return presentQuestion(question);
  }

  // Inserts questions with their "created" version rows, in the caller's transaction.
  async insertDrafts(
    manager: EntityManager,
    actor: AuthUser | null,
    jobId: string | null,
    source: QuestionSource,
    fallbackReason: string | null,
    drafts: DraftQuestion[],
  ): Promise<Question[]> {
    const created: Question[] = [];
    // Millisecond precision, so list cursors (ISO strings) round-trip exactly.
    const now = new Date();
    for (const draft of drafts) {
      const question = manager.create(Question, {
        id: randomUUID(),
        jobId,
        questionText: draft.question_text,
        textHash: questionTextHash(draft.question_text),
        questionType: draft.question_type,
        difficultyLevel: draft.difficulty_level,
        skillsTested: draft.skills_tested,
        goldStandardAnswer: draft.gold_standard_answer,
        keyPoints: draft.key_points,
        isApproved: false,
        approvedBy: null,
        approvedAt: null,
        source,
        generationFallback: fallbackReason,
        version: 1,
        createdBy: actor?.id ?? null,
        createdAt: now,
      });
      await manager.insert(Question, question);
      const saved = await manager.findOneByOrFail(Question, { id: question.id });
      if (jobId) {
        await this.history.record(manager, saved, 'created', actor);
      }
      created.push(saved);
    }
    return created;
  }

  // Any edit withdraws approval: an approved question is one an expert approved as it stands.
  async edit(actor: AuthUser, id: string, dto: UpdateQuestionDto): Promise<QuestionResponse> {
    const question = await this.dataSource.transaction(async (manager) => {
      const current = await this.lockBankQuestion(manager, id);
      const changes: Partial<Question> = {};
      if (dto.question_text !== undefined) {
        changes.questionText = dto.question_text;
        changes.textHash = questionTextHash(dto.question_text);
      }
      if (dto.question_type !== undefined) {
        changes.questionType = dto.question_type;
      }
      if (dto.difficulty_level !== undefined) {
        changes.difficultyLevel = dto.difficulty_level;
      }
      if (dto.skills_tested !== undefined) {
        changes.skillsTested = uniqueTrimmed(dto.skills_tested);
      }
      if (dto.gold_standard_answer !== undefined) {
        changes.goldStandardAnswer = dto.gold_standard_answer;
      }
      if (dto.key_points !== undefined) {
        changes.keyPoints = dto.key_points.map((k) => k.trim());
      }
      if (Object.keys(changes).length === 0) {
        throw new ConflictProblem(
          'NOTHING_TO_CHANGE',
          'The request changes no field of the question',
        );
      }
      await manager.update(
        Question,
        { id },
        {
          ...changes,
          isApproved: false,
          approvedBy: null,
          approvedAt: null,
          version: current.version + 1,
        },
      );
      const saved = await manager.findOneByOrFail(Question, { id });
      await this.history.record(manager, saved, 'edited', actor, dto.comment);
      return saved;
    });
    return presentQuestion(question);
  }

  async get(id: string): Promise<QuestionResponse> {
    const question = await this.dataSource
      .getRepository(Question)
      .findOneBy({ id, jobId: Not(IsNull()) });
    if (!question) {
      throw new NotFoundProblem('Question');
    }
    return presentQuestion(question);
  }

  async list(query: QuestionQueryDto): Promise<Page<QuestionResponse>> {
    if (query.job_id) {
      await this.jobs.getJob(query.job_id);
    }
    return this.page(query, { jobId: query.job_id, approved: query.approved });
  }

  async listApproved(jobId: string, query: PageQueryDto): Promise<Page<QuestionResponse>> {
    await this.jobs.getJob(jobId);
    return this.page(query, { jobId, approved: true });
  }

  // The approved questions an interview of this job will ask: the given ones (each must be an
  // approved question of the job) or `count` of them, oldest approval first.
  async pickApproved(
    manager: EntityManager,
    jobId: string,
    pick: { ids?: string[]; count?: number },
  ): Promise<Question[]> {
    const repo = manager.getRepository(Question);
    if (pick.ids && pick.ids.length > 0) {
      const found = await repo.findBy({ id: In(pick.ids), jobId, isApproved: true });
      const missing = pick.ids.filter((id) => !found.some((q) => q.id === id));
      if (missing.length > 0) {
        throw new ConflictProblem(
          'QUESTIONS_NOT_APPROVED',
          'Every question of an interview must be an approved question of the job',
          { question_ids: missing },
        );
      }
      return pick.ids.map((id) => found.find((q) => q.id === id)!);
    }
    const approved = await repo.find({
      where: { jobId, isApproved: true },
      order: { approvedAt: 'ASC', id: 'ASC' },
      take: pick.count ?? 5,
    });
    if (approved.length === 0) {
      throw new ConflictProblem(
        'NO_APPROVED_QUESTIONS',
        'This job has no approved questions yet: generate or add questions and have a domain expert approve them before scheduling',
      );
    }
    return approved;
  }

  async recentTexts(jobId: string, limit = 300): Promise<string[]> {
    const rows = await this.dataSource.getRepository(Question).find({
      select: { questionText: true },
      where: { jobId },
      order: { createdAt: 'DESC' },
      take: limit,
    });
    return rows.map((r) => r.questionText);
  }

  // Which of these text hashes already belong to some job's bank question.
  async bankTextHashes(hashes: string[]): Promise<Set<string>> {
    if (hashes.length === 0) {
      return new Set();
    }
    const rows = await this.dataSource.getRepository(Question).find({
      select: { textHash: true },
      where: { textHash: In(hashes), jobId: Not(IsNull()) },
    });
    return new Set(rows.map((r) => r.textHash));
  }

  // Erasure: practice questions (no job) generated for one person, once nothing refers to them.
  async deletePracticeQuestions(manager: EntityManager, ids: string[]): Promise<number> {
    if (ids.length === 0) {
      return 0;
    }
    const result = await manager.delete(Question, { id: In(ids), jobId: IsNull() });
    return result.affected ?? 0;
  }

  private async lockBankQuestion(manager: EntityManager, id: string): Promise<Question> {
    const question = await manager
      .getRepository(Question)
      .createQueryBuilder('q')
      .setLock('pessimistic_write')
      .where('q.id = :id AND q.job_id IS NOT NULL', { id })
      .getOne();
    if (!question) {
      throw new NotFoundProblem('Question');
    }
    return question;
  }

  private async page(
    query: PageQueryDto,
    scope: { jobId?: string; approved?: boolean },
  ): Promise<Page<QuestionResponse>> {
    const limit = pageLimit(query.limit);
    const qb = this.dataSource
      .getRepository(Question)
      .createQueryBuilder('q')
      .where('q.job_id IS NOT NULL');
    if (scope.jobId) {
      qb.andWhere('q.job_id = :jobId', { jobId: scope.jobId });
    }
    if (scope.approved !== undefined) {
      qb.andWhere('q.is_approved = :approved', { approved: scope.approved });
    }
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      qb.andWhere('(q.created_at, q.id) < (:at, :id)', { at: after[0], id: after[1] });
    }
    const rows = await qb
      .orderBy('q.created_at', 'DESC')
      .addOrderBy('q.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    return toPage(rows, limit, (q) => [q.createdAt.toISOString(), q.id], presentQuestion);
  }
}
