import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { ConflictProblem } from '../common/errors/domain.exception';
import { OUTCOME_STAGES, TERMINAL_STAGES } from './pipeline';
import { PipelineService } from './pipeline.service';
import { entryDeltas, reachOf, recordDeltas, transitionDeltas } from './counters/pipeline-counters';
import { StageEventsService } from '../webhooks/stage-events.service';
import { ApplicationStageHistory } from '../candidates/entities/application-history.entity';
import { Application } from '../candidates/entities/application.entity';

const OUTCOME_KEYS = new Set(OUTCOME_STAGES.map((s) => s.key));

export interface TransitionOptions {
  reason?: string | null;
  rejectionReasonId?: string | null;
  // Unreject and the first entry are the only ways out of a terminal stage.
  allowFromTerminal?: boolean;
  action?: string;
}

// Writes one stage change: validates the target against the job's pipeline, derives the status,
// writes the history row, the analytics counters, the audit entry and the stage event in the
// caller's transaction. Internal to the pipeline module: callers outside it go through
// ApplicationLifecycleService.moveToStage, which takes the locks first.
@Injectable()
export class StageChangeWriter {
  constructor(
    private readonly pipeline: PipelineService,
    private readonly audit: AuditService,
    private readonly events: StageEventsService,
  ) {}

  async transition(
    manager: EntityManager,
    application: Application,
    toStage: string,
    actor: AuthUser | null,
    options: TransitionOptions = {},
  ): Promise<Application> {
    const stages = await this.pipeline.allStages(application.jobId, manager);
    const target = stages.find((s) => s.key === toStage);
    if (!target) {
      throw new ConflictProblem(
        'UNKNOWN_STAGE',
        `"${toStage}" is not a stage of this job's pipeline`,
        {
          stages: stages.map((s) => s.key),
        },
      );
    }
    if (TERMINAL_STAGES.has(application.stage) && !options.allowFromTerminal) {
      throw new ConflictProblem(
        'STAGE_TRANSITION_NOT_ALLOWED',
        `The application is ${application.stage}; it cannot be moved (use unreject for rejected applications)`,
      );
    }
    if (target.key === application.stage) {
      throw new ConflictProblem('ALREADY_IN_STAGE', `The application is already in ${target.key}`);
    }
    const now = new Date();
    const history = manager.create(ApplicationStageHistory, {
      id: randomUUID(),
      applicationId: application.id,
      jobId: application.jobId,
      fromStage: application.stage,
      toStage: target.key,
      fromStatus: application.status,
      toStatus: target.status,
      actorId: actor?.id ?? null,
      actorRole: actor?.role ?? null,
      reason: options.reason ?? null,
      rejectionReasonId: options.rejectionReasonId ?? null,
      changedAt: now,
      appliedAt: application.appliedAt,
      leftAt: null,
      daysInStage: null,
    });
    const changes: Partial<Application> = {
      stage: target.key,
      status: target.status,
      stageEnteredAt: now,
    };
    if (target.key === 'rejected') {
      changes.rejectedFromStage = application.stage;
      changes.rejectionReasonId = options.rejectionReasonId ?? null;
    } else if (application.stage === 'rejected') {
      changes.rejectedFromStage = null;
      changes.rejectionReasonId = null;
    }
    if (target.key === 'hired') {
      changes.hiredAt = now;
    }
    const reached = await reachOf(manager, application.id);
    await manager.update(Application, { id: application.id }, changes);
    await manager.query(
      `UPDATE application_stage_history
          SET left_at = $2, days_in_stage = extract(epoch FROM $2::timestamptz - changed_at) / 86400
        WHERE application_id = $1 AND left_at IS NULL`,
      [application.id, now],
    );
    await manager.insert(ApplicationStageHistory, history);
    await recordDeltas(
      manager,
      application,
      transitionDeltas(
        application,
        { ...application, ...changes },
        reached,
        stages.filter((s) => !OUTCOME_KEYS.has(s.key)).map((s) => s.key),
      ),
    );
    await this.audit.record(manager, {
      actorId: actor?.id ?? null,
      actorRole: actor?.role ?? null,
      action: options.action ?? 'application.stage_changed',
      targetType: 'application',
      targetId: application.id,
      metadata: { from: application.stage, to: target.key },
    });
    const before = { stage: application.stage, status: application.status };
    const after = Object.assign(application, changes);
    // Every stage change, whichever route caused it, reaches webhook subscribers.
    await this.events.stageChanged(manager, after, before, actor);
    return after;
  }

  // When a stage is removed from a pipeline, rejected applications that came from it unreject to
  // the stage that replaced it.
  async remapRejectedFrom(
    manager: EntityManager,
    jobId: string,
    fromStage: string,
    toStage: string,
  ): Promise<void> {
    await manager.update(
      Application,
      { jobId, stage: 'rejected', rejectedFromStage: fromStage },
      { rejectedFromStage: toStage },
    );
  }

  async recordEntry(
    manager: EntityManager,
    application: Application,
    actor: AuthUser | null,
  ): Promise<void> {
    await manager.insert(ApplicationStageHistory, {
      id: randomUUID(),
      applicationId: application.id,
      jobId: application.jobId,
      fromStage: null,
      toStage: application.stage,
      fromStatus: null,
      toStatus: application.status,
      actorId: actor?.id ?? null,
      actorRole: actor?.role ?? null,
      reason: null,
      rejectionReasonId: null,
      changedAt: application.appliedAt,
      appliedAt: application.appliedAt,
      leftAt: null,
      daysInStage: null,
    });
    await recordDeltas(manager, application, entryDeltas(application));
  }
}
