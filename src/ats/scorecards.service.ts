import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApplicationsService } from '../candidates/applications.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { decodeCursor, Page, PageQueryDto, pageLimit, toPage } from '../common/pagination/cursor';
import { SubmitScorecardDto } from './dto/scorecard.dto';
import { Scorecard } from './entities/scorecard.entity';
import { presentScorecard, ScorecardResponse } from './scorecard.presenter';

export interface ScorecardSubmission {
  created: boolean;
  scorecard: ScorecardResponse;
}

const UNIQUE_VIOLATION = '23505';

// One scorecard per interviewer per (application, interview): submitting again edits it.
@Injectable()
export class ScorecardsService {
  constructor(
    private readonly dataSource: DataSource,
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
      return await this.dataSource.transaction((manager) =>
        this.upsert(manager, actor, applicationId, dto),
      );
    } catch (error) {
      // Two first submissions raced and one lost on the unique index: it becomes an edit.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) {
        throw error;
      }
      return this.dataSource.transaction((manager) =>
        this.upsert(manager, actor, applicationId, dto),
      );
    }
  }

  async list(
    actor: AuthUser,
    applicationId: string,
    query: PageQueryDto,
  ): Promise<Page<ScorecardResponse>> {
    await this.applications.loadForViewer(actor, applicationId);
    const limit = pageLimit(query.limit);
    const qb = this.dataSource
      .getRepository(Scorecard)
      .createQueryBuilder('s')
      .where('s.application_id = :applicationId', { applicationId });
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      qb.andWhere('(s.created_at, s.id) > (:at, :id)', { at: after[0], id: after[1] });
    }
    const rows = await qb
      .orderBy('s.created_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toPage(
      rows,
      limit,
      (s) => [s.createdAt.toISOString(), s.id],
      (s) => presentScorecard(s),
    );
  }

  private async upsert(
    manager: EntityManager,
    actor: AuthUser,
    applicationId: string,
    dto: SubmitScorecardDto,
  ): Promise<ScorecardSubmission> {
    const existing = await manager.getRepository(Scorecard).findOne({
      where: { applicationId, interviewerId: actor.id, interviewId: dto.interview_id ?? IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
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
      await manager.update(Scorecard, { id }, fields);
    } else {
      await manager.insert(Scorecard, {
        applicationId,
        interviewerId: actor.id,
        interviewId: dto.interview_id ?? null,
        ...fields,
      });
    }
    await this.audit.record(manager, {
      actorId: actor.id,
      actorRole: actor.role,
      action: existing ? 'scorecard.updated' : 'scorecard.submitted',
      targetType: 'application',
      targetId: applicationId,
      metadata: { scorecard_id: id, recommendation: dto.overall_recommendation },
    });
    const saved = await manager.findOneByOrFail(Scorecard, { id });
    return { created: !existing, scorecard: presentScorecard(saved) };
  }
}
