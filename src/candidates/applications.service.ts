import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth/policy.decorators';
import { isStaff } from '../common/auth/role';
import {
  BadRequestProblem,
  ConflictProblem,
  NotFoundProblem,
} from '../common/errors/domain.exception';
import { Page, pageLimit } from '../common/pagination/cursor';
import { CryptoService } from '../crypto/crypto.service';
import { searchTokensFor } from '../crypto/encrypted-column';
import { JobsService } from '../jobs/jobs.service';
import {
  APPLICATION_STATUSES,
  ApplicationLifecycleService,
  ApplicationStatus,
  PipelineApplication,
  PipelineService,
  stageForStatus,
} from '../pipeline';
import { ApplicationResponse, presentApplication } from './application.presenter';
import { ApplicationsRepository } from './applications.repository';
import { CandidateIdentityService } from './candidate-identity.service';
import { ApplicationQueryDto } from './dto/application-query.dto';
import { Application } from './entities/application.entity';

export interface CheckApplicationResponse {
  applied: boolean;
  application_id?: string;
  status?: string;
}

// The pipeline moves the rows this module's PipelineApplications port hands it: our entities.
const moved = (application: PipelineApplication) => application as Application;

// An application once it exists: who may read it, lists, the candidate's withdrawal and status
// moves. Taking one in: ApplicationIntakeService.
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly applicationRows: ApplicationsRepository,
    private readonly crypto: CryptoService,
    private readonly identity: CandidateIdentityService,
    private readonly jobs: JobsService,
    private readonly pipeline: PipelineService,
    private readonly lifecycle: ApplicationLifecycleService,
  ) {}

  // Candidates see only their own applications; anything else answers 404, never 403.
  async getForViewer(viewer: AuthUser, id: string): Promise<ApplicationResponse> {
    return presentApplication(await this.loadForViewer(viewer, id));
  }

  async loadForViewer(viewer: AuthUser, id: string, manager?: EntityManager): Promise<Application> {
    const application = await this.applicationRows.findById(id, manager);
    if (!application || !(await this.canSee(viewer, application))) {
      throw new NotFoundProblem('Application');
    }
    return application;
  }

  async listMine(viewer: AuthUser, query: ApplicationQueryDto): Promise<Page<ApplicationResponse>> {
    const candidate = await this.identity.findForUser(viewer.id);
    if (!candidate) {
      return { items: [], next_cursor: null, limit: pageLimit(query.limit) };
    }
    return this.page({ ...query }, { candidateId: candidate.id });
  }

  async listForJob(jobId: string, query: ApplicationQueryDto): Promise<Page<ApplicationResponse>> {
    await this.jobs.getJob(jobId);
    return this.page(query, { jobId });
  }

  async check(viewer: AuthUser, jobId: string): Promise<CheckApplicationResponse> {
    const candidate = await this.identity.findForUser(viewer.id);
    const application = candidate
      ? await this.applicationRows.findForJobAndCandidate(jobId, candidate.id)
      : null;
    return application
      ? { applied: true, application_id: application.id, status: application.status }
      : { applied: false };
  }

  async withdraw(viewer: AuthUser, id: string, reason?: string): Promise<ApplicationResponse> {
    const application = await this.lifecycle.moveToStage(viewer, id, 'withdrawn', {
      authorize: (current) => this.ownsApplication(viewer, current),
      reason: reason ?? 'Withdrawn by the candidate',
      action: 'application.withdrawn',
    });
    return presentApplication(moved(application));
  }

  // Status-based moves (seed routes): the target stage is the first of the job's stages with
  // that status; the status itself always follows from the stage.
  async setStatus(
    actor: AuthUser,
    id: string,
    status: ApplicationStatus,
    reason?: string,
  ): Promise<ApplicationResponse> {
    const application = await this.lifecycle.moveToStage(actor, id, async (current, manager) => {
      const target = stageForStatus(
        await this.pipeline.workingStages(current.jobId, manager),
        status,
      );
      if (!target) {
        throw new ConflictProblem(
          'UNKNOWN_STAGE',
          `No stage of this job's pipeline has status ${status}`,
        );
      }
      if (target.key === 'rejected' && !reason) {
        throw new BadRequestProblem('REJECTION_REASON_REQUIRED', 'A reason is required to reject', [
          { field: 'reason', message: 'reason is required when rejecting' },
        ]);
      }
      return { toStage: target.key, options: { reason: reason ?? null } };
    });
    return presentApplication(moved(application));
  }

  async latestApplicationOf(candidateId: string): Promise<Application | null> {
    return this.applicationRows.latestOfCandidate(candidateId);
  }

  private page(
    query: ApplicationQueryDto,
    scope: { jobId?: string; candidateId?: string },
  ): Promise<Page<ApplicationResponse>> {
    const q = query.q?.trim();
    return this.applicationRows.search(
      {
        ...scope,
        stage: query.stage,
        status: query.status,
        // Company and position are encrypted: they match by whole words (keyed word digests).
        text: q
          ? {
              emailHash: this.crypto.emailIndex(q),
              tokens: this.identity.nameTokens(q),
              position: searchTokensFor(
                this.crypto,
                Application,
                'currentPosition',
                'applications',
                q,
              ),
              company: searchTokensFor(
                this.crypto,
                Application,
                'currentCompany',
                'applications',
                q,
              ),
            }
          : null,
      },
      query,
      (a) => presentApplication(a),
    );
  }

  private async canSee(viewer: AuthUser, application: Application): Promise<boolean> {
    return isStaff(viewer.role) || this.ownsApplication(viewer, application);
  }

  private async ownsApplication(
    viewer: AuthUser,
    application: Pick<Application, 'candidateId'>,
  ): Promise<boolean> {
    const candidate = await this.identity.findForUser(viewer.id);
    return !!candidate && candidate.id === application.candidateId;
  }
}

export { APPLICATION_STATUSES };
