import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApplicationLookupService } from '../candidates/application-lookup.service';
import { ApplicationResponse } from '../candidates/application.presenter';
import { ApplicationsService } from '../candidates/applications.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { BadRequestProblem, ConflictProblem } from '../common/errors/domain.exception';
import { Page, PageQueryDto } from '../common/pagination/cursor';
import { Transactions } from '../database/transactions';
import {
  ApplicationLifecycleService,
  PipelineService,
  StageHistoryRepository,
  StageMove,
} from '../pipeline';
import { RejectApplicationDto } from './dto/application-action.dto';
import { MoveStageDto } from './dto/pipeline.dto';
import { OTHER_REJECTION_REASON_ID } from './entities/rejection-reason.entity';
import { ApplicationUnderMove, RejectionMailService } from './rejection-mail.service';
import { RejectionReasonsService } from './rejection-reasons.service';
import { presentHistory, StageHistoryResponse } from './stage-history.presenter';

// The ATS actions on one application. Each is one ApplicationLifecycleService.moveToStage: one
// transaction holding the pipeline and row locks, so the stage change, its history row, the audit
// entry, the rejection mail and the webhook deliveries commit together, and two concurrent moves
// from the same stage cannot both succeed.
@Injectable()
export class StageTransitionsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly applications: ApplicationsService,
    private readonly lookup: ApplicationLookupService,
    private readonly lifecycle: ApplicationLifecycleService,
    private readonly pipeline: PipelineService,
    private readonly stageHistory: StageHistoryRepository,
    private readonly reasons: RejectionReasonsService,
    private readonly rejectionMail: RejectionMailService,
  ) {}

  async moveToStage(actor: AuthUser, dto: MoveStageDto): Promise<ApplicationResponse> {
    if (dto.to_stage === 'rejected') {
      if (!dto.reason?.trim()) {
        throw new BadRequestProblem('REJECTION_REASON_REQUIRED', 'A reason is required to reject', [
          { field: 'reason', message: 'reason is required when to_stage is rejected' },
        ]);
      }
      return this.reject(
        actor,
        dto.application_id,
        { rejection_reason: dto.reason.trim(), send_email: dto.send_email },
        dto.from_stage,
      );
    }
    if (dto.send_email) {
      throw new BadRequestProblem(
        'SEND_EMAIL_ONLY_ON_REJECT',
        'send_email goes with to_stage rejected',
        [{ field: 'send_email', message: 'only allowed when to_stage is rejected' }],
      );
    }
    return this.run(actor, dto.application_id, dto.from_stage, () => {
      const action = dto.to_stage === 'hired' ? 'application.hired' : 'application.stage_changed';
      return Promise.resolve({
        toStage: dto.to_stage,
        options: { reason: dto.reason ?? null, action },
      });
    });
  }

  async reject(
    actor: AuthUser,
    applicationId: string,
    dto: RejectApplicationDto,
    fromStage?: string,
  ): Promise<ApplicationResponse> {
    if (!dto.rejection_reason_id && !dto.rejection_reason) {
      throw new BadRequestProblem('REJECTION_REASON_REQUIRED', 'A reason is required to reject', [
        { field: 'rejection_reason_id', message: 'give rejection_reason_id or rejection_reason' },
      ]);
    }
    const sendAt = this.rejectionMail.validate(dto.send_email);
    return this.run(actor, applicationId, fromStage, async (current, manager) => {
      const reason = await this.reasons.find(
        manager,
        dto.rejection_reason_id ?? OTHER_REJECTION_REASON_ID,
      );
      if (dto.rejection_reason_id && !reason) {
        throw new BadRequestProblem('UNKNOWN_REJECTION_REASON', 'No such rejection reason', [
          { field: 'rejection_reason_id', message: 'must be the id of a rejection reason' },
        ]);
      }
      if (dto.send_email && current.stage !== 'rejected') {
        await this.rejectionMail.queue(manager, current, sendAt, {
          name: dto.rejection_reason ?? reason?.name ?? '',
          type: reason?.type ?? 'none_specified',
        });
      }
      const text = [dto.rejection_reason ?? reason?.name, dto.notes].filter(Boolean).join(' — ');
      return {
        toStage: 'rejected',
        options: {
          reason: text,
          rejectionReasonId: reason?.id ?? null,
          action: 'application.rejected',
        },
      };
    });
  }

  // Back to the stage the application was rejected from, or the entry stage when that stage has
  // since left the pipeline.
  async unreject(
    actor: AuthUser,
    applicationId: string,
    reason?: string,
  ): Promise<ApplicationResponse> {
    return this.run(actor, applicationId, undefined, async (current, manager) => {
      if (current.stage !== 'rejected') {
        throw new ConflictProblem(
          'NOT_REJECTED',
          `The application is ${current.stage}, not rejected`,
        );
      }
      await this.rejectionMail.cancel(manager, current.id);
      const working = await this.pipeline.workingStages(current.jobId, manager);
      const target = working.find((s) => s.key === current.rejectedFromStage) ?? working[0];
      return {
        toStage: target.key,
        options: {
          reason: reason ?? null,
          allowFromTerminal: true,
          action: 'application.unrejected',
        },
      };
    });
  }

  async hire(
    actor: AuthUser,
    applicationId: string,
    reason?: string,
  ): Promise<ApplicationResponse> {
    return this.run(actor, applicationId, undefined, () =>
      Promise.resolve({
        toStage: 'hired',
        options: { reason: reason ?? null, action: 'application.hired' },
      }),
    );
  }

  async history(
    actor: AuthUser,
    applicationId: string,
    query: PageQueryDto,
  ): Promise<Page<StageHistoryResponse>> {
    await this.applications.loadForViewer(actor, applicationId);
    return this.stageHistory.pageForApplication(applicationId, query, presentHistory);
  }

  private async run(
    actor: AuthUser,
    applicationId: string,
    fromStage: string | undefined,
    plan: (current: ApplicationUnderMove, manager: EntityManager) => Promise<StageMove>,
  ): Promise<ApplicationResponse> {
    return this.transactions.run(async (manager) => {
      await this.lifecycle.moveToStage(actor, applicationId, plan, { fromStage, manager });
      return this.lookup.presentById(applicationId, manager);
    });
  }
}
