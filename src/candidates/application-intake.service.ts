import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AtsEventsService } from '../webhooks/ats-events.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { isStaff, Role } from '../common/auth/role';
import { BadRequestProblem, ConflictProblem } from '../common/errors/domain.exception';
import { UploadQuotaService } from '../throttling/upload-quota.service';
import { ConsentService } from '../consent/consent.service';
import { CryptoService } from '../crypto/crypto.service';
import { Transactions } from '../database/transactions';
import { JobsService, skillKeysOf } from '../jobs/jobs.service';
import { MailService } from '../mail/mail.service';
import { ApplicationLifecycleService, PipelineService } from '../pipeline';
import { parseSalaryRange } from '../jobs';
import { sourceChannel } from './application-source';
import { ApplicationResponse, presentApplication } from './application.presenter';
import { ApplicationsRepository } from './applications.repository';
import { CandidateIdentityService } from './candidate-identity.service';
import { ApplyDto } from './dto/apply.dto';
import { Application } from './entities/application.entity';
import { Candidate } from './entities/candidate.entity';

// A résumé an application points at, as the apply flow needs it: its id and, once parsed, the
// facts that fill the candidate's profile.
export interface ApplicationResume {
  id: string;
  parsed: boolean;
  skills: string[];
  experienceYears: number | null;
  experienceLevel: string | null;
}

// What the apply flow needs from the résumé module. The apply route (src/resumes, which sits
// above candidates) passes one per request, so candidates never imports resumes.
export interface ApplicationResumes {
  // Stores the uploaded file as a new résumé of the candidate, inside the apply transaction.
  storeUpload(
    manager: EntityManager,
    candidateId: string,
    uploadedBy: string | null,
  ): Promise<ApplicationResume>;
  // An earlier upload the applicant may use, now bound to the candidate; 404 otherwise.
  claimEarlier(
    manager: EntityManager,
    resumeId: string,
    candidateId: string,
    viewerId: string | null,
  ): Promise<ApplicationResume>;
  // After the application row exists: copies an earlier parsed résumé's facts onto it.
  afterApplied(manager: EntityManager, resume: ApplicationResume): Promise<void>;
}

// Taking in an application (POST /api/jobs/:id/applications): the job must be open, the
// person's record is found or made, duplicates are refused under a lock, the résumé is stored or
// claimed, and the row, its stage entry, consents, audit entry, webhook event, receipt e-mail and
// the job's counter are written in one transaction. Reads and later moves: ApplicationsService.
@Injectable()
export class ApplicationIntakeService {
  constructor(
    private readonly transactions: Transactions,
    private readonly applicationRows: ApplicationsRepository,
    private readonly identity: CandidateIdentityService,
    private readonly jobs: JobsService,
    private readonly pipeline: PipelineService,
    private readonly lifecycle: ApplicationLifecycleService,
    private readonly consent: ConsentService,
    private readonly crypto: CryptoService,
    private readonly audit: AuditService,
    private readonly events: AtsEventsService,
    private readonly uploadQuota: UploadQuotaService,
    private readonly mail: MailService,
  ) {}

  async apply(
    viewer: AuthUser | undefined,
    jobId: string,
    dto: ApplyDto,
    resumes?: ApplicationResumes,
    upload?: { bytes: number; clientAddress?: string },
  ): Promise<ApplicationResponse> {
    // A résumé sent with the application counts against the sender's upload quota (#13.5).
    if (upload?.clientAddress && !(viewer && isStaff(viewer.role))) {
      await this.uploadQuota.chargeAddress(upload.clientAddress, upload.bytes);
    }
    const application = await this.transactions.run(async (manager) => {
      const job = await this.jobs.getJob(jobId, manager);
      if (job.status !== 'Open' || job.archivedAt) {
        throw new ConflictProblem('JOB_NOT_OPEN', 'This job is not accepting applications');
      }
      // Only the signed-in person may change their own record; any other application goes to the
      // unclaimed record of its address and changes it only when it has just created it.
      const signedIn = viewer?.role === Role.Candidate;
      const { candidate, created: isNewRecord } = signedIn
        ? { candidate: await this.identity.findOrCreateForUser(manager, viewer.id), created: false }
        : await this.identity.findOrCreateUnclaimed(manager, {
            email: dto.applicant_email,
            fullName: dto.applicant_name,
            phone: dto.applicant_phone,
          });
      const mayUpdateProfile = signedIn || isNewRecord;
      if (candidate.erasedAt) {
        throw new ConflictProblem(
          'CANDIDATE_ERASED',
          'This person asked for their data to be erased',
        );
      }
      await this.assertNotApplied(manager, jobId, candidate.id, dto.applicant_email);

      const entry = await this.pipeline.entryStage(jobId, manager);
      const id = randomUUID();
      const now = new Date();
      let resumeId: string | null = null;
      let attachedResume: ApplicationResume | null = null;
      if (dto.resume_id || upload) {
        if (!resumes) {
          throw new BadRequestProblem(
            'RESUME_UPLOAD_UNAVAILABLE',
            'Resume uploads are not available',
          );
        }
        if (dto.resume_id) {
          attachedResume = await resumes.claimEarlier(
            manager,
            dto.resume_id,
            candidate.id,
            viewer?.id ?? null,
          );
        } else {
          resumeId = (await resumes.storeUpload(manager, candidate.id, viewer?.id ?? null)).id;
        }
        resumeId = attachedResume?.id ?? resumeId;
      }
      const application = manager.create(Application, {
        id,
        jobId,
        candidateId: candidate.id,
        applicantName: dto.applicant_name,
        applicantEmail: CryptoService.normaliseEmail(dto.applicant_email),
        applicantPhone: dto.applicant_phone ?? null,
        coverLetter: dto.cover_letter ?? null,
        experienceYears: dto.experience_years ?? null,
        currentCompany: dto.current_company ?? null,
        currentPosition: dto.current_position ?? null,
        expectedSalary: dto.expected_salary ?? null,
        availability: dto.availability ?? null,
        source: dto.source || 'careers_page',
        stage: entry.key,
        status: entry.status,
        stageEnteredAt: now,
        rejectedFromStage: null,
        rejectionReasonId: null,
        hiredAt: null,
        resumeId,
        appliedAt: now,
        // Same instant as applied_at: the column defaults (the transaction's start) came out
        // earlier than applied_at.
        createdAt: now,
        updatedAt: now,
      });
      try {
        await manager.insert(Application, application);
      } catch (error) {
        if ((error as { code?: string }).code === '23505') {
          throw this.duplicate();
        }
        throw error;
      }
      if (mayUpdateProfile) {
        await this.updateCandidateProfile(manager, candidate, dto, resumeId, attachedResume);
      }
      if (attachedResume && resumes) {
        // An upload parsed before applying; one still pending is filled in by its parse job.
        await resumes.afterApplied(manager, attachedResume);
      }
      const created = await manager.findOneByOrFail(Application, { id });
      await this.lifecycle.recordEntry(manager, application, viewer ?? null);
      // Consent belongs to the person's record: recorded only where this request may speak for
      // it. The application itself exists only because its sender gave consent_data_processing.
      if (mayUpdateProfile) {
        await this.recordApplicationConsents(manager, candidate.id, id, dto, viewer);
      }
      await this.audit.record(manager, {
        actorId: viewer?.id ?? null,
        actorRole: viewer?.role ?? null,
        action: 'application.created',
        targetType: 'application',
        targetId: id,
        metadata: {
          job_id: jobId,
          candidate_id: candidate.id,
          source: sourceChannel(application.source),
        },
      });
      await this.events.emit(manager, 'application.created', {
        application_id: id,
        job_id: jobId,
        candidate_id: candidate.id,
        stage: application.stage,
        status: application.status,
        source: sourceChannel(application.source),
        applied_at: now.toISOString(),
      });
      // To the address the application gives, signed in or not: it is how an anonymous applicant
      // learns the application arrived.
      await this.mail.enqueue(manager, {
        template: 'application_received',
        to: dto.applicant_email,
        eventKey: `application_received:${id}`,
        category: 'essential',
        subject: { userId: signedIn ? viewer.id : null, candidateId: candidate.id },
        variables: {
          recipient_name: dto.applicant_name,
          job_title: job.title,
          company: job.company ?? '',
          applied_at: now.toISOString().slice(0, 10),
        },
      });
      // Last: the job row lock is held until commit, and every application to this job waits on it.
      await this.jobs.incrementApplicationCount(manager, jobId);
      return created;
    });
    return presentApplication(application);
  }

  // "Same e-mail on the same job twice → 409", whichever record (the candidate's own, an account's
  // or the unclaimed one of that address) the earlier application went to. The advisory lock
  // makes the check and the insert one step for this job and address across requests.
  private async assertNotApplied(
    manager: EntityManager,
    jobId: string,
    candidateId: string,
    applicantEmail: string,
  ): Promise<void> {
    const emailHash = this.crypto.emailIndex(applicantEmail);
    if (await this.applicationRows.lockAndCheckApplied(jobId, candidateId, emailHash, manager)) {
      throw this.duplicate();
    }
  }

  private async recordApplicationConsents(
    manager: EntityManager,
    candidateId: string,
    applicationId: string,
    dto: ApplyDto,
    viewer: AuthUser | undefined,
  ): Promise<void> {
    await this.consent.record(manager, {
      candidateId,
      purpose: 'data_processing',
      granted: true,
      policyVersion: 'application',
      source: `application:${applicationId}`,
      actorId: viewer?.id ?? null,
      actorRole: viewer?.role ?? null,
    });
    if (dto.consent_talent_pool !== undefined) {
      await this.consent.record(manager, {
        candidateId,
        purpose: 'talent_pool',
        granted: dto.consent_talent_pool,
        policyVersion: 'application',
        source: `application:${applicationId}`,
        actorId: viewer?.id ?? null,
      });
    }
  }

  private duplicate(): ConflictProblem {
    return new ConflictProblem(
      'APPLICATION_ALREADY_EXISTS',
      'This person has already applied to this job',
    );
  }

  private async updateCandidateProfile(
    manager: EntityManager,
    candidate: Candidate,
    dto: ApplyDto,
    resumeId: string | null,
    // An earlier upload that was already parsed contributes its skills and experience now; one
    // still pending is merged by the parse job once it finishes.
    parsedResume: ApplicationResume | null,
  ): Promise<void> {
    const fromResume = parsedResume?.parsed ? parsedResume : null;
    const skills = [
      ...new Set([
        ...candidate.skills,
        ...(fromResume?.skills ?? []),
        ...(dto.skills ?? []).map((s) => s.trim()).filter(Boolean),
      ]),
    ];
    // The id travels with the values: the profile columns are encrypted, bound to this row.
    const patch: Partial<Candidate> = {
      id: candidate.id,
      skills,
      skillKeys: skillKeysOf(skills),
      location: dto.location ?? candidate.location,
      currentCompany: dto.current_company ?? candidate.currentCompany,
      currentPosition: dto.current_position ?? candidate.currentPosition,
      experienceYears:
        dto.experience_years ?? fromResume?.experienceYears ?? candidate.experienceYears,
      experienceLevel: fromResume?.experienceLevel ?? candidate.experienceLevel,
      expectedSalary: dto.expected_salary
        ? parseSalaryRange(dto.expected_salary).min
        : candidate.expectedSalary,
      latestResumeId: resumeId ?? candidate.latestResumeId,
    };
    await manager.update(Candidate, { id: candidate.id }, patch);
  }
}
