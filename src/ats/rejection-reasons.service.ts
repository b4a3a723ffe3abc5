import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { ConflictProblem } from '../common/errors/domain.exception';
import { decodeCursor, Page, PageQueryDto, pageLimit, toPage } from '../common/pagination/cursor';
import { CreateRejectionReasonDto } from './dto/rejection-reason.dto';
import { RejectionReason } from './entities/rejection-reason.entity';
import { presentRejectionReason, RejectionReasonResponse } from './rejection-reason.presenter';

@Injectable()
export class RejectionReasonsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: PageQueryDto): Promise<Page<RejectionReasonResponse>> {
    const limit = pageLimit(query.limit);
    const qb = this.dataSource.getRepository(RejectionReason).createQueryBuilder('r');
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      qb.where('(r.name, r.id) > (:name, :id)', { name: after[0], id: after[1] });
    }
    const rows = await qb
      .orderBy('r.name', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toPage(rows, limit, (r) => [r.name, r.id], presentRejectionReason);
  }

  async create(actor: AuthUser, dto: CreateRejectionReasonDto): Promise<RejectionReasonResponse> {
    const reason = await this.dataSource.transaction(async (manager) => {
      const taken = await manager
        .createQueryBuilder(RejectionReason, 'r')
        .where('lower(r.name) = lower(:name)', { name: dto.name })
        .getExists();
      if (taken) {
        throw this.duplicate();
      }
      const entity = manager.create(RejectionReason, {
        id: randomUUID(),
        name: dto.name,
        type: dto.type,
        createdBy: actor.id,
      });
      try {
        await manager.insert(RejectionReason, entity);
      } catch (error) {
        throw (error as { code?: string }).code === '23505' ? this.duplicate() : error;
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'rejection_reason.created',
        targetType: 'rejection_reason',
        targetId: entity.id,
        metadata: { type: dto.type },
      });
      return entity;
    });
    return presentRejectionReason(reason);
  }

  async find(manager: EntityManager, id: string): Promise<RejectionReason | null> {
    return manager.findOneBy(RejectionReason, { id });
  }

  private duplicate(): ConflictProblem {
    return new ConflictProblem(
      'REJECTION_REASON_EXISTS',
      'A rejection reason with this name exists',
    );
  }
}
