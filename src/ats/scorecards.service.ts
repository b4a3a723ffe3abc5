import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApplicationsService } from '../candidates/applications.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { Page, PageQueryDto } from '../common/pagination/cursor';
import { Transactions } from '../database/transactions';
import { SubmitScorecardDto } from './dto/scorecard.dto';
import { presentScorecard, ScorecardResponse } from './scorecard.presenter';
import { ScorecardsRepository } from './scorecards.repository';

export interface ScorecardSubmission {
  created: boolean;
  scorecard: ScorecardResponse;
}

const UNIQUE_VIOLATION = '23505';

// One scorecard per interviewer per (application, interview): submitting again edits it.
@Injectable()
export class ScorecardsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly scorecards: ScorecardsRepository,
    private readonly applications: ApplicationsService,
    private readonly audit: AuditService,
  ) {}

  async submit(
    actor: AuthUser,
    applicationId: string,
    dto: SubmitScorecardDto,
  ): Promise<ScorecardSubmission> {
    await this.applications.loadForViewer(actor, applicationId);
    try {
      return await this.transactions.run((manager) =>
        this.upsert(manager, actor, applicationId, dto),
      );
    } catch (error) {
      // Two first submissions raced and one lost on the unique index: it becomes an edit.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) {
        throw error;
      }
      return this.transactions.run((manager) => this.upsert(manager, actor, applicationId, dto));
    }
  }

  async list(
    actor: AuthUser,
    applicationId: string,
    query: PageQueryDto,
  ): Promise<Page<ScorecardResponse>> {
    await this.applications.loadForViewer(actor, applicationId);
    return this.scorecards.listForApplication(applicationId, query, (s) => presentScorecard(s));
  }

  private async upsert(
    manager: EntityManager,
    actor: AuthUser,
    applicationId: string,
    dto: SubmitScorecardDto,
  ): Promise<ScorecardSubmission> {
    const existing = await this.scorecards.lockOwn(
      applicationId,
      actor.id,
      dto.interview_id ?? null,
      manager,
    );
    const id = existing?.id ?? randomUUID();
    const attributes = dto.attributes ?? [];
    const attributeNotes = attributes.map((a) => a.note ?? null);
    // The id travels with the values: the notes are encrypted, bound to this row.
    const fields = {
      id,
      overallRecommendation: dto.overall_recommendation,
      rating: dto.rating ?? null,
      notes: dto.notes,
      attributes: attributes.map((a) => ({ name: a.name.trim(), rating: a.rating })),
      attributeNotes: attributeNotes.some((n) => n !== null)
        ? JSON.stringify(attributeNotes)
        : null,
    };
    if (existing) {
      await this.scorecards.update(id, fields, manager);
    } else {
      await this.scorecards.insert(
        {
          applicationId,
          interviewerId: actor.id,
          interviewId: dto.interview_id ?? null,
          ...fields,
        },
        manager,
      );
    }
    await this.audit.record(manager, {
      actorId: actor.id,
      actorRole: actor.role,
      action: existing ? 'scorecard.updated' : 'scorecard.submitted',
      targetType: 'application',
      targetId: applicationId,
      metadata: { scorecard_id: id, recommendation: dto.overall_recommendation },
    });
    const saved = await this.scorecards.findByIdOrFail(id, manager);
    return { created: !existing, scorecard: presentScorecard(saved) };
  }
}
