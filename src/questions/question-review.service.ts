import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/policy.decorators';
import { DomainException } from '../common/errors/domain.exception';
import { Transactions } from '../database/transactions';
import { ApproveQuestionsDto } from './dto/question.dto';
import { QuestionHistoryService } from './question-history.service';
import { presentQuestion, QuestionResponse } from './question.presenter';
import { QuestionRepository } from './question.repository';

// Domain experts approve or reject bank questions, all or nothing per request; every decision is
// a version row with the reviewer and their comment.
@Injectable()
export class QuestionReviewService {
  constructor(
    private readonly transactions: Transactions,
    private readonly questions: QuestionRepository,
    private readonly history: QuestionHistoryService,
  ) {}

  async review(actor: AuthUser, dto: ApproveQuestionsDto): Promise<QuestionResponse[]> {
    const reviewed = await this.transactions.run(async (manager) => {
      const rows = await this.questions.lockBankQuestionsInIdOrder(dto.question_ids, manager);
      const missing = dto.question_ids.filter((id) => !rows.some((q) => q.id === id));
      if (missing.length > 0) {
        throw new DomainException(404, 'QUESTION_NOT_FOUND', 'Some questions do not exist', {
          question_ids: missing,
        });
      }
      const now = new Date();
      for (const row of rows) {
        const saved = await this.questions.update(
          row.id,
          {
            isApproved: dto.approved,
            approvedBy: dto.approved ? actor.id : null,
            approvedAt: dto.approved ? now : null,
            version: row.version + 1,
          },
          manager,
        );
        await this.history.record(
          manager,
          saved,
          dto.approved ? 'approved' : 'rejected',
          actor,
          dto.comment,
        );
      }
      const saved = await this.questions.findByIds(dto.question_ids, manager);
      return dto.question_ids.map((id) => saved.find((q) => q.id === id)!);
    });
    return reviewed.map(presentQuestion);
  }
}
