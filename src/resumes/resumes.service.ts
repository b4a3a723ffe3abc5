import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AuditService } from '../audit/audit.service';
import { CandidateIdentityService } from '../candidates/candidate-identity.service';
import type {
  CandidateResumes,
  CandidateResumeSummary,
} from '../candidates/candidate-profile-sources.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { isStaff } from '../common/auth/role';
import { NotFoundProblem } from '../common/errors/domain.exception';
import { FILE_STORAGE } from '../storage/file-storage';
import type { FileStorage } from '../storage/file-storage';
import { Resume } from './entities/resume.entity';
import {
  attachmentDisposition,
  downloadFileName,
  RESUME_CONTENT_TYPES,
} from './resume-download-name';
import { ResumeRepository } from './resume.repository';
import { presentResume, ResumeResponse } from './resume.presenter';

export interface ResumeDownload {
  // Streamed from the store and decrypted record by record.
  stream: Readable;
  sizeBytes: number;
  contentType: string;
  contentDisposition: string;
}

// Read side: who may see which résumé (its candidate or its uploader, and staff), downloads, and
// the signed-in user's own latest résumé. Anything not theirs answers 404, never 403.
@Injectable()
export class ResumesService implements CandidateResumes {
  constructor(
    private readonly resumes: ResumeRepository,
    private readonly identity: CandidateIdentityService,
    private readonly audit: AuditService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async getForViewer(viewer: AuthUser, id: string): Promise<ResumeResponse> {
    const resume = await this.loadVisible(viewer, id);
    if (isStaff(viewer.role)) {
      await this.auditStaffAccess(viewer, resume, 'resume.viewed');
    }
    return presentResume(resume);
  }

  async download(viewer: AuthUser, id: string): Promise<ResumeDownload> {
    const resume = await this.loadVisible(viewer, id);
    const stream = await this.storage.getStream(resume.storageKey);
    if (!stream) {
      throw new NotFoundProblem('Resume file');
    }
    if (isStaff(viewer.role)) {
      await this.auditStaffAccess(viewer, resume, 'resume.downloaded').catch((error: unknown) => {
        stream.destroy();
        throw error;
      });
    }
    return {
      stream,
      sizeBytes: resume.sizeBytes,
      // From the detected kind, never from what the client declared when uploading.
      contentType: RESUME_CONTENT_TYPES[resume.fileKind],
      contentDisposition: attachmentDisposition(
        downloadFileName(resume.originalFilename, resume.fileKind),
      ),
    };
  }

  async mine(viewer: AuthUser): Promise<ResumeResponse> {
    const resume = await this.latestOf(viewer);
    if (!resume) {
      throw new NotFoundProblem('Resume');
    }
    return presentResume(resume);
  }

  // The candidate's latest résumé: the one the profile points at, else the newest upload.
  async latestOf(viewer: AuthUser): Promise<Resume | null> {
    const candidate = await this.identity.findForUser(viewer.id);
    if (!candidate) {
      return null;
    }
    const pointed = candidate.latestResumeId
      ? await this.resumes.findOfCandidate(candidate.latestResumeId, candidate.id)
      : null;
    return pointed ?? this.resumes.newestOfCandidate(candidate.id);
  }

  // Newest first; for the candidates module's profile (its CandidateResumes port).
  async summariesOfCandidate(candidateId: string): Promise<CandidateResumeSummary[]> {
    const resumes = await this.resumes.listOfCandidate(candidateId);
    return resumes.map((r) => ({
      id: r.id,
      parsing_status: r.parsingStatus,
      skills: r.skills,
      experience_years: r.experienceYears,
      created_at: r.createdAt.toISOString(),
    }));
  }

  private async loadVisible(viewer: AuthUser, id: string): Promise<Resume> {
    const resume = await this.resumes.findById(id);
    if (!resume || !(await this.canSee(viewer, resume))) {
      throw new NotFoundProblem('Resume');
    }
    return resume;
  }

  private async canSee(viewer: AuthUser, resume: Resume): Promise<boolean> {
    if (isStaff(viewer.role) || resume.uploadedBy === viewer.id) {
      return true;
    }
    if (!resume.candidateId) {
      return false;
    }
    const candidate = await this.identity.findForUser(viewer.id);
    return candidate?.id === resume.candidateId;
  }

  // Staff reading someone's résumé is an access to personal data: recorded, without the data.
  private async auditStaffAccess(viewer: AuthUser, resume: Resume, action: string): Promise<void> {
    await this.audit.recordStandalone({
      actorId: viewer.id,
      actorRole: viewer.role,
      action,
      targetType: 'resume',
      targetId: resume.id,
      metadata: { candidate_id: resume.candidateId },
    });
  }
}
