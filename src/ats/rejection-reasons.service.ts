import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { ConflictProblem } from '../common/errors/domain.exception';
import { Page, PageQueryDto } from '../common/pagination/cursor';
import { Transactions } from '../database/transactions';
import { CreateRejectionReasonDto } from './dto/rejection-reason.dto';
import { RejectionReason } from './entities/rejection-reason.entity';
import { presentRejectionReason, RejectionReasonResponse } from './rejection-reason.presenter';
import { RejectionReasonsRepository } from './rejection-reasons.repository';

@Injectable()
export class RejectionReasonsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly reasons: RejectionReasonsRepository,
    private readonly audit: AuditService,
  ) {}

  list(query: PageQueryDto): Promise<Page<RejectionReasonResponse>> {
    return this.reasons.listByName(query, presentRejectionReason);
  }

  async create(actor: AuthUser, dto: CreateRejectionReasonDto): Promise<RejectionReasonResponse> {
    const reason = await this.transactions.run(async (manager) => {
      if (await this.reasons.isNameTaken(dto.name, manager)) {
        throw this.duplicate();
      }
      const entity = Object.assign(new RejectionReason(), {
        id: randomUUID(),
        name: dto.name,
        type: dto.type,
        createdBy: actor.id,
      });
      try {
        await this.reasons.insert(entity, manager);
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
    return this.reasons.findById(id, manager);
  }

  private duplicate(): ConflictProblem {
    return new ConflictProblem(
      'REJECTION_REASON_EXISTS',
      'A rejection reason with this name exists',
    );
  }
}
