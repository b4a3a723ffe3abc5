import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { DraftQuestion } from '../ai/ai-provider';
import type { AuthUser } from '../common/auth/policy.decorators';
import { ConflictProblem, NotFoundProblem } from '../common/errors/domain.exception';
import { Page, PageQueryDto } from '../common/pagination/cursor';
import { Transactions } from '../database/transactions';
import { JobsService } from '../jobs/jobs.service';
import { CreateQuestionDto, QuestionQueryDto, UpdateQuestionDto } from './dto/question.dto';
import { Question } from './entities/question.entity';
import type { QuestionSource } from './entities/question.entity';
import { QuestionHistoryService, questionTextHash } from './question-history.service';
import { presentQuestion, QuestionResponse } from './question.presenter';
import { QuestionRepository } from './question.repository';

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
    private readonly transactions: Transactions,
    private readonly questions: QuestionRepository,
    private readonly jobs: JobsService,
    private readonly history: QuestionHistoryService,
  ) {}

  async createManual(actor: AuthUser, dto: CreateQuestionDto): Promise<QuestionResponse> {
    await this.jobs.getJob(dto.job_id);
    const question = await this.transactions.run(async (manager) => {
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
      const saved = await this.questions.insert(question, manager);
      if (jobId) {
        await this.history.record(manager, saved, 'created', actor);
      }
      created.push(saved);
    }
    return created;
  }

  // Any edit withdraws approval: an approved question is one an expert approved as it stands.
  async edit(actor: AuthUser, id: string, dto: UpdateQuestionDto): Promise<QuestionResponse> {
    const question = await this.transactions.run(async (manager) => {
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
      const saved = await this.questions.update(
        id,
        {
          ...changes,
          isApproved: false,
          approvedBy: null,
          approvedAt: null,
          version: current.version + 1,
        },
        manager,
      );
      await this.history.record(manager, saved, 'edited', actor, dto.comment);
      return saved;
    });
    return presentQuestion(question);
  }

  async get(id: string): Promise<QuestionResponse> {
    const question = await this.questions.findBankQuestion(id);
    if (!question) {
      throw new NotFoundProblem('Question');
    }
    return presentQuestion(question);
  }

  async list(query: QuestionQueryDto): Promise<Page<QuestionResponse>> {
    if (query.job_id) {
      await this.jobs.getJob(query.job_id);
    }
    return this.questions.pageBank(
      { jobId: query.job_id, approved: query.approved },
      query,
      presentQuestion,
    );
  }

  async listApproved(jobId: string, query: PageQueryDto): Promise<Page<QuestionResponse>> {
    await this.jobs.getJob(jobId);
    return this.questions.pageBank({ jobId, approved: true }, query, presentQuestion);
  }

  // The approved questions an interview of this job will ask: the given ones (each must be an
  // approved question of the job) or `count` of them, oldest approval first.
  async pickApproved(
    manager: EntityManager,
    jobId: string,
    pick: { ids?: string[]; count?: number },
  ): Promise<Question[]> {
    if (pick.ids && pick.ids.length > 0) {
      const found = await this.questions.findApprovedOfJob(jobId, pick.ids, manager);
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
    const approved = await this.questions.oldestApprovedOfJob(jobId, pick.count ?? 5, manager);
    if (approved.length === 0) {
      throw new ConflictProblem(
        'NO_APPROVED_QUESTIONS',
        'This job has no approved questions yet: generate or add questions and have a domain expert approve them before scheduling',
      );
    }
    return approved;
  }

  recentTexts(jobId: string, limit = 300): Promise<string[]> {
    return this.questions.recentTextsOfJob(jobId, limit);
  }

  // Which of these text hashes already belong to some job's bank question.
  async bankTextHashes(hashes: string[]): Promise<Set<string>> {
    if (hashes.length === 0) {
      return new Set();
    }
    return this.questions.bankTextHashes(hashes);
  }

  // Erasure: practice questions (no job) generated for one person, once nothing refers to them.
  async deletePracticeQuestions(manager: EntityManager, ids: string[]): Promise<number> {
    if (ids.length === 0) {
      return 0;
    }
    return this.questions.deletePracticeQuestions(ids, manager);
  }

  private async lockBankQuestion(manager: EntityManager, id: string): Promise<Question> {
    const question = await this.questions.lockBankQuestion(id, manager);
    if (!question) {
      throw new NotFoundProblem('Question');
    }
    return question;
  }
}
