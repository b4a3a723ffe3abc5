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
import { ApplicationStageHistory } from './entities/application-stage-history.entity';
import {
  PipelineApplication,
  PipelineApplicationsRef,
  StageChanges,
} from './pipeline-applications';
import { StageHistoryRepository } from './stage-history.repository';

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
    private readonly history: StageHistoryRepository,
    private readonly port: PipelineApplicationsRef,
  ) {}

  async transition(
    manager: EntityManager,
    application: PipelineApplication,
    toStage: string,
    actor: AuthUser | null,
    options: TransitionOptions = {},
  ): Promise<PipelineApplication> {
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
    const history = Object.assign(new ApplicationStageHistory(), {
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
    const changes: StageChanges = {
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
    await this.port.applications.writeStage(application.id, changes, manager);
    await this.history.closeOpenStay(application.id, now, manager);
    await this.history.insert(history, manager);
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
    await this.port.applications.remapRejectedFrom(jobId, fromStage, toStage, manager);
  }

  async recordEntry(
    manager: EntityManager,
    application: PipelineApplication,
    actor: AuthUser | null,
  ): Promise<void> {
    const entry = Object.assign(new ApplicationStageHistory(), {
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
    await this.history.insert(entry, manager);
    await recordDeltas(manager, application, entryDeltas(application));
  }
}
