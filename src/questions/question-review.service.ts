import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { AuthUser } from '../common/auth/policy.decorators';
import { DomainException } from '../common/errors/domain.exception';
import { ApproveQuestionsDto } from './dto/question.dto';
import { Question } from './entities/question.entity';
import { QuestionHistoryService } from './question-history.service';
import { presentQuestion, QuestionResponse } from './question.presenter';

// Domain experts approve or reject bank questions, all or nothing per request; every decision is
// a version row with the reviewer and their comment.
@Injectable()
export class QuestionReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: QuestionHistoryService,
  ) {}

  async review(actor: AuthUser, dto: ApproveQuestionsDto): Promise<QuestionResponse[]> {
    const questions = await this.dataSource.transaction(async (manager) => {
      // Locked in id order so two overlapping reviews cannot deadlock.
      const rows = await manager
        .getRepository(Question)
        .createQueryBuilder('q')
        .setLock('pessimistic_write')
        .where('q.id IN (:...ids) AND q.job_id IS NOT NULL', { ids: dto.question_ids })
        .orderBy('q.id')
        .getMany();
      const missing = dto.question_ids.filter((id) => !rows.some((q) => q.id === id));
      if (missing.length > 0) {
        throw new DomainException(404, 'QUESTION_NOT_FOUND', 'Some questions do not exist', {
          question_ids: missing,
        });
      }
      const now = new Date();
      for (const row of rows) {
        await manager.update(
          Question,
          { id: row.id },
          {
            isApproved: dto.approved,
            approvedBy: dto.approved ? actor.id : null,
            approvedAt: dto.approved ? now : null,
            version: row.version + 1,
          },
        );
        const saved = await manager.findOneByOrFail(Question, { id: row.id });
        await this.history.record(
          manager,
          saved,
          dto.approved ? 'approved' : 'rejected',
          actor,
          dto.comment,
        );
      }
      const saved = await manager.findBy(Question, { id: In(dto.question_ids) });
      return dto.question_ids.map((id) => saved.find((q) => q.id === id)!);
    });
    return questions.map(presentQuestion);
  }
}
