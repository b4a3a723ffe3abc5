import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { NotFoundProblem } from '../common/errors/domain.exception';
import { QuestionVersion } from './entities/question-version.entity';
import type { QuestionVersionAction } from './entities/question-version.entity';
import { Question } from './entities/question.entity';
import { presentQuestion, presentVersion } from './question.presenter';
import { QuestionRepository } from './question.repository';
import type { QuestionVersionResponse } from './question.presenter';

export function questionTextHash(text: string): string {
  const normalised = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}+#]+/gu, ' ')
    .trim();
  return createHash('sha256').update(normalised).digest('hex');
}

// Writes the version row and the audit entry for a change the caller already applied to
// `question` (its `version` is the new number), inside the caller's transaction.
@Injectable()
export class QuestionHistoryService {
  constructor(
    private readonly questions: QuestionRepository,
    private readonly audit: AuditService,
  ) {}

  async record(
    manager: EntityManager,
    question: Question,
    action: QuestionVersionAction,
    actor: AuthUser | null,
    comment?: string | null,
  ): Promise<void> {
    const version = manager.create(QuestionVersion, {
      id: randomUUID(),
      questionId: question.id,
      version: question.version,
      action,
      actorId: actor?.id ?? null,
      actorRole: actor?.role ?? null,
      comment: comment?.trim() || null,
      snapshot: { ...presentQuestion(question) },
      createdAt: new Date(),
    });
    await this.questions.insertVersion(version, manager);
    await this.audit.record(manager, {
      actorId: actor?.id ?? null,
      actorRole: actor?.role ?? null,
      action: `question.${action}`,
      targetType: 'question',
      targetId: question.id,
      metadata: { job_id: question.jobId, version: question.version },
    });
  }

  async versions(questionId: string): Promise<QuestionVersionResponse[]> {
    if (!(await this.questions.bankQuestionExists(questionId))) {
      throw new NotFoundProblem('Question');
    }
    return (await this.questions.versionsOf(questionId)).map(presentVersion);
  }
}
