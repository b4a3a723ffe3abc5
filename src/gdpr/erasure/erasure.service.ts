import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Job } from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { AtsEventsService } from '../../webhooks/ats-events.service';
import { AuditService } from '../../audit/audit.service';
import { CandidateIdentityService } from '../../candidates/candidate-identity.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { Role } from '../../common/auth/role';
import {
  ConflictProblem,
  ForbiddenProblem,
  NotFoundProblem,
} from '../../common/errors/domain.exception';
import { Transactions } from '../../database/transactions';
import { QueueJob } from '../../queue/queue-job.decorator';
import { QueueService } from '../../queue/queue.service';
import { CreateErasureDto } from '../dto/gdpr-request.dto';
import type { GdprRequest, RequestSource } from '../entities/gdpr-request.entity';
import { GdprMailService } from '../gdpr-mail.service';
import { GdprRequestsRepository } from '../gdpr-requests.repository';
import { GdprSubjectService } from '../gdpr-subject.service';
import { GDPR_ERASURE_QUEUE } from '../gdpr.queues';
import type { GdprErasureJob } from '../gdpr.queues';
import type { PersonalDataSubject } from '../../kernel/personal-data/personal-data-handler';
import { PersonalDataRegistry } from '../personal-data/personal-data.registry';

const ERASURE_RETRIES = 5;

// Art. 17. The request is accepted in one transaction (row + queue job + audit); the job runs
// every handler's erase, each in its own transaction that also records the handler as done, so a
// crash halfway resumes where it stopped. See src/gdpr/README.md.
@Injectable()
export class ErasureService {
  private readonly logger = new Logger('GdprErasure');

  constructor(
    private readonly transactions: Transactions,
    private readonly requests: GdprRequestsRepository,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
    private readonly registry: PersonalDataRegistry,
    private readonly subjects: GdprSubjectService,
    private readonly identity: CandidateIdentityService,
    private readonly events: AtsEventsService,
    private readonly mail: GdprMailService,
  ) {}

  @QueueJob(GDPR_ERASURE_QUEUE, {
    options: { retryLimit: ERASURE_RETRIES, retryDelay: 2, retryBackoff: true },
  })
  async onErasureJob(data: GdprErasureJob, job: Job<GdprErasureJob>): Promise<void> {
    await this.process(data.request_id, job);
  }

  async request(actor: AuthUser, dto: CreateErasureDto): Promise<GdprRequest> {
    const subject = await this.subjects.resolve(actor, dto);
    // Self-service erasure is for candidates. A staff account (which jobs, scorecards and reviews
    // point at) is erased by another admin, so nobody locks the last admin out by one click.
    if (subject.userId === actor.id && actor.role !== Role.Candidate) {
      throw new ForbiddenProblem(
        'STAFF_SELF_ERASURE',
        'Staff accounts are erased by another admin (candidate_id or email)',
      );
    }
    if (subject.legalHold) {
      throw this.legalHold(subject.candidateId);
    }
    return this.transactions.run(async (manager) => {
      const open = await this.requests.lockOpenErasure(manager, subject);
      if (open) {
        return open;
      }
      const row = await this.insert(manager, subject, 'api', actor.id, dto.reason);
      await this.queue.enqueue<GdprErasureJob>(
        GDPR_ERASURE_QUEUE,
        { request_id: row.id },
        { manager },
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'gdpr.erasure_requested',
        targetType: subject.candidateId ? 'candidate' : 'user',
        targetId: subject.candidateId ?? subject.userId,
        metadata: { request_id: row.id },
      });
      return row;
    });
  }

  // Retention: erase one person now, in the caller's process (each handler still commits on
  // its own, so no long transaction).
  async eraseNow(subject: PersonalDataSubject, source: RequestSource): Promise<GdprRequest> {
    const row = await this.transactions.run((manager) =>
      this.insert(manager, subject, source, null, undefined),
    );
    return (await this.process(row.id)) ?? row;
  }

  async findVisible(actor: AuthUser, id: string): Promise<GdprRequest> {
    const row = await this.requests.findById(id);
    if (!row || (row.requestedBy !== actor.id && actor.role !== Role.Admin)) {
      throw new NotFoundProblem('Request');
    }
    return row;
  }

  async process(requestId: string, job?: Job<GdprErasureJob>): Promise<GdprRequest | null> {
    const row = await this.requests.findById(requestId);
    if (!row || row.status === 'completed' || row.status === 'blocked') {
      return row;
    }
    const subject = { userId: row.subjectUserId, candidateId: row.subjectCandidateId };
    // A hold placed after the request was accepted still wins.
    const candidate = subject.candidateId
      ? await this.identity.findById(subject.candidateId)
      : null;
    if (candidate?.legalHold) {
      await this.requests.update(row.id, { status: 'blocked', errorCode: 'LEGAL_HOLD' });
      return this.requests.findById(row.id);
    }
    if (row.source === 'api' && row.completedHandlers.length === 0) {
      await this.mail.holdErasureNotice(row);
    }
    await this.requests.update(row.id, {
      status: 'running',
      startedAt: row.startedAt ?? new Date(),
      attempts: row.attempts + 1,
    });
    let current = '';
    try {
      for (const handler of this.registry.handlers()) {
        current = handler.name;
        await this.transactions.run(async (manager) => {
          const locked = await this.requests.lock(manager, row.id);
          if (locked.completedHandlers.includes(handler.name)) {
            return;
          }
          const counts = await handler.erase(subject, manager);
          const merged = { ...locked.erasedCounts };
          for (const [key, value] of Object.entries(counts)) {
            merged[key] = (merged[key] ?? 0) + value;
          }
          await this.requests.update(
            row.id,
            {
              completedHandlers: [...locked.completedHandlers, handler.name],
              erasedCounts: merged,
            },
            manager,
          );
        });
      }
      await this.transactions.run((manager) => this.complete(manager, row.id));
    } catch (error) {
      const final = (job?.retryCount ?? ERASURE_RETRIES) >= ERASURE_RETRIES;
      this.logger.warn(
        `Erasure ${row.id} stopped in handler "${current}": ${(error as Error).name}`,
      );
      await this.requests.update(row.id, {
        status: final ? 'failed' : 'running',
        errorCode: `HANDLER_FAILED:${current}`.slice(0, 60),
      });
      throw error;
    }
    return this.requests.findById(row.id);
  }

  private async complete(manager: EntityManager, id: string): Promise<void> {
    const row = await this.requests.lock(manager, id);
    if (row.status === 'completed') {
      return;
    }
    const now = new Date();
    await this.requests.update(
      id,
      { status: 'completed', completedAt: now, reason: null, errorCode: null },
      manager,
    );
    await this.mail.releaseErasureNotice(manager, id);
    // The one lasting, PII-free record of the erasure.
    await this.audit.record(manager, {
      actorId: row.requestedBy,
      action: row.subjectCandidateId ? 'candidate.erased' : 'user.erased',
      targetType: row.subjectCandidateId ? 'candidate' : 'user',
      targetId: row.subjectCandidateId ?? row.subjectUserId,
      metadata: {
        request_id: id,
        source: row.source,
        subject_user_id: row.subjectUserId,
        handlers: row.completedHandlers.length,
      },
    });
    if (row.subjectCandidateId) {
      await this.events.emit(manager, 'candidate.erased', {
        candidate_id: row.subjectCandidateId,
        request_id: id,
        erased_at: now.toISOString(),
      });
    }
  }

  private async insert(
    manager: EntityManager,
    subject: PersonalDataSubject,
    source: RequestSource,
    requestedBy: string | null,
    reason: string | undefined,
  ): Promise<GdprRequest> {
    return this.requests.insert(manager, {
      id: randomUUID(),
      kind: 'erasure',
      source,
      status: 'pending',
      requestedBy,
      subjectUserId: subject.userId,
      subjectCandidateId: subject.candidateId,
      reason: reason?.trim() || null,
    });
  }

  private legalHold(candidateId: string | null): ConflictProblem {
    return new ConflictProblem(
      'LEGAL_HOLD',
      "This person's data is under legal hold and cannot be erased until the hold is lifted",
      { candidate_id: candidateId },
    );
  }
}
