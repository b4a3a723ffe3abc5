import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth/policy.decorators';
import { ConflictProblem, NotFoundProblem } from '../common/errors/domain.exception';
import { Transactions } from '../database/transactions';
import { PipelineApplication, PipelineApplicationsRef } from './pipeline-applications';
import { lockPipelineShared } from './pipeline-lock';
import { StageChangeWriter, TransitionOptions } from './stage-change.writer';

export type { TransitionOptions } from './stage-change.writer';

export interface StageMove {
  toStage: string;
  options?: TransitionOptions;
}

// A stage key, or a rule that picks the move once the application is locked (null: no move).
export type StageTarget =
  string | ((current: PipelineApplication, manager: EntityManager) => Promise<StageMove | null>);

export interface MoveOptions extends TransitionOptions {
  // Optimistic check: refuse with 409 STAGE_CHANGED when the application has left this stage.
  fromStage?: string;
  // Join the caller's transaction instead of opening one (the locks are taken in it either way).
  manager?: EntityManager;
  // Checked on the locked row; false answers 404 so a caller cannot learn that the id exists.
  authorize?: (current: PipelineApplication) => boolean | Promise<boolean>;
}

// The one entry point for changing an application's stage. Every caller (ATS actions, withdraw,
// status moves, interview scheduling, the seed) goes through moveToStage, which takes the job's
// pipeline lock (shared) and then the application's row lock, in the order a pipeline change takes
// them (pipeline exclusive, then rows). Two callers on one application therefore serialize, and no
// application can enter a stage while the pipeline that holds it is being replaced.
@Injectable()
export class ApplicationLifecycleService {
  constructor(
    private readonly transactions: Transactions,
    private readonly port: PipelineApplicationsRef,
    private readonly writer: StageChangeWriter,
  ) {}

  async moveToStage(
    actor: AuthUser | null,
    applicationId: string,
    toStage: StageTarget,
    options: MoveOptions = {},
  ): Promise<PipelineApplication> {
    const { fromStage, manager, authorize, ...transition } = options;
    const run = async (tx: EntityManager): Promise<PipelineApplication> => {
      const current = await this.lockApplication(tx, applicationId);
      if (authorize && !(await authorize(current))) {
        throw new NotFoundProblem('Application');
      }
      if (fromStage !== undefined && current.stage !== fromStage) {
        throw new ConflictProblem(
          'STAGE_CHANGED',
          `The application is in ${current.stage}, not ${fromStage}: it was moved in the meantime`,
          { current_stage: current.stage },
        );
      }
      const move =
        typeof toStage === 'string' ? { toStage, options: transition } : await toStage(current, tx);
      if (!move) {
        return current;
      }
      return this.writer.transition(tx, current, move.toStage, actor, move.options ?? {});
    };
    return manager ? run(manager) : this.transactions.run(run);
  }

  // Takes the locks moveToStage takes, for a caller that reads the application before deciding to
  // move it in the same transaction (interview scheduling). Re-taking them later is a no-op.
  async lockApplication(
    manager: EntityManager,
    applicationId: string,
  ): Promise<PipelineApplication> {
    const applications = this.port.applications;
    const jobId = await applications.jobOf(applicationId, manager);
    if (!jobId) {
      throw new NotFoundProblem('Application');
    }
    await lockPipelineShared(manager, jobId);
    const current = await applications.lockForStageChange(applicationId, manager);
    if (!current) {
      throw new NotFoundProblem('Application');
    }
    return current;
  }

  // The first history row and counters of a new application, in the apply transaction.
  recordEntry(manager: EntityManager, application: PipelineApplication, actor: AuthUser | null) {
    return this.writer.recordEntry(manager, application, actor);
  }
}
