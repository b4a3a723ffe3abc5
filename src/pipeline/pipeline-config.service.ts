import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Transactions } from '../database/transactions';
import { StageChangeWriter } from './stage-change.writer';
import { PipelineApplicationsRef } from './pipeline-applications';
import type { AuthUser } from '../common/auth/policy.decorators';
import { BadRequestProblem, ConflictProblem } from '../common/errors/domain.exception';
import { FieldError } from '../common/errors/validation-problem';
import { JobsService } from '../jobs/jobs.service';
import { OUTCOME_STAGES, StageDefinition } from './pipeline';
import { PipelineService } from './pipeline.service';
import { SetPipelineDto } from './dto/pipeline.dto';
import { lockPipelineExclusive } from './pipeline-lock';
import { PipelineDefinitionResponse, presentStage } from './pipeline.presenter';

const OUTCOME_KEYS = new Set(OUTCOME_STAGES.map((s) => s.key));

// Replacing a job's pipeline: a removed stage that still holds applications needs a target, and
// those applications move through the ordinary transition (history, audit, webhook).
@Injectable()
export class PipelineConfigService {
  constructor(
    private readonly transactions: Transactions,
    private readonly port: PipelineApplicationsRef,
    private readonly jobs: JobsService,
    private readonly pipeline: PipelineService,
    private readonly stages: StageChangeWriter,
    private readonly audit: AuditService,
  ) {}

  async definition(jobId: string): Promise<PipelineDefinitionResponse> {
    await this.jobs.getJob(jobId);
    return this.present(jobId, await this.pipeline.workingStages(jobId), 0);
  }

  async replace(
    actor: AuthUser,
    jobId: string,
    dto: SetPipelineDto,
  ): Promise<PipelineDefinitionResponse> {
    const stages: StageDefinition[] = dto.stages.map((s) => ({
      key: s.key,
      name: s.name.trim(),
      status: s.status,
      sla_days: s.sla_days ?? null,
    }));
    const outcomeErrors = stages
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => OUTCOME_KEYS.has(s.key))
      .map(({ i }) => ({
        field: `stages.${i}.key`,
        message: 'rejected and withdrawn are implicit outcome stages',
      }));
    this.refuseIfAny(outcomeErrors);
    return this.transactions.run(async (manager) => {
      await this.jobs.getJob(jobId, manager);
      await lockPipelineExclusive(manager, jobId);
      const current = await this.pipeline.workingStages(jobId, manager);
      const kept = new Set(stages.map((s) => s.key));
      const removed = current.map((s) => s.key).filter((k) => !kept.has(k));
      const moves = this.validMoves(dto.moves ?? {}, removed, kept);
      await this.refuseOccupiedWithoutTarget(manager, jobId, removed, moves);
      await this.pipeline.replaceStages(manager, jobId, stages);
      let moved = 0;
      for (const [from, to] of Object.entries(moves)) {
        moved += await this.moveAll(manager, actor, jobId, from, to);
        await this.stages.remapRejectedFrom(manager, jobId, from, to);
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'job.pipeline_changed',
        targetType: 'job',
        targetId: jobId,
        metadata: { stages: stages.map((s) => s.key).join(','), moved_applications: moved },
      });
      return this.present(jobId, stages, moved);
    });
  }

  private validMoves(
    raw: Record<string, unknown>,
    removed: string[],
    kept: Set<string>,
  ): Record<string, string> {
    const errors: FieldError[] = [];
    for (const [from, to] of Object.entries(raw)) {
      if (!removed.includes(from)) {
        errors.push({
          field: `moves.${from}`,
          message: `${from} is not a stage this change removes`,
        });
      } else if (typeof to !== 'string' || !kept.has(to)) {
        errors.push({
          field: `moves.${from}`,
          message: 'the target must be one of the new stages',
        });
      }
    }
    this.refuseIfAny(errors);
    return raw as Record<string, string>;
  }

  private async refuseOccupiedWithoutTarget(
    manager: EntityManager,
    jobId: string,
    removed: string[],
    moves: Record<string, string>,
  ): Promise<void> {
    const unmapped = removed.filter((k) => !(k in moves));
    if (unmapped.length === 0) {
      return;
    }
    const occupied = await this.port.applications.countInStages(jobId, unmapped, manager);
    if (occupied.length > 0) {
      throw new ConflictProblem(
        'STAGE_NOT_EMPTY',
        `Stage(s) ${occupied.map((o) => o.stage).join(', ')} still hold applications; say where they go in "moves"`,
        { stages: occupied },
      );
    }
  }

  private async moveAll(
    manager: EntityManager,
    actor: AuthUser,
    jobId: string,
    from: string,
    to: string,
  ): Promise<number> {
    const applications = await this.port.applications.lockInStage(jobId, from, manager);
    for (const application of applications) {
      // A removed "hired" stage is terminal, so this structural move may leave it.
      await this.stages.transition(manager, application, to, actor, {
        reason: `Stage "${from}" was removed from the pipeline`,
        allowFromTerminal: true,
      });
    }
    return applications.length;
  }

  private present(
    jobId: string,
    stages: StageDefinition[],
    moved: number,
  ): PipelineDefinitionResponse {
    return {
      job_id: jobId,
      stages: [
        ...stages.map((s) => presentStage(s, false)),
        ...OUTCOME_STAGES.map((s) => presentStage(s, true)),
      ],
      moved_applications: moved,
    };
  }

  private refuseIfAny(errors: FieldError[]): void {
    if (errors.length > 0) {
      throw new BadRequestProblem(
        'INVALID_PIPELINE',
        `The pipeline is invalid: ${errors.map((e) => e.field).join(', ')}`,
        errors,
      );
    }
  }
}
