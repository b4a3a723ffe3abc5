import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CandidateIdentityService } from '../candidates/candidate-identity.service';
import { CandidateResumeRecordsService } from '../candidates/candidate-resume-records.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { isStaff, Role } from '../common/auth/role';
import { UploadQuotaService } from '../throttling/upload-quota.service';
import { ConflictProblem, DomainException } from '../common/errors/domain.exception';
import { Transactions } from '../database/transactions';
import { QueueService } from '../queue/queue.service';
import { FILE_STORAGE } from '../storage/file-storage';
import type { FileStorage } from '../storage/file-storage';
import { Resume } from './entities/resume.entity';
import { detectResumeType } from './parsing/resume-file-type';
import type { ResumeFileKind } from './parsing/resume-file-type';
import { RESUME_PARSE_QUEUE } from './resumes.queues';
import { ResumeParserService } from './resume-parser.service';
import type { ParseOutcome } from './resume-parser.service';
import { ResumeResultsService } from './resume-results.service';
import { RESUME_CONTENT_TYPES } from './resume-download-name';
import { ResumeRepository } from './resume.repository';
import { presentParseResult, ResumeParseResponse } from './resume.presenter';

export interface IncomingResume {
  data: Buffer;
  filename: string;
}

interface ResumeOwner {
  candidateId: string | null;
  uploadedBy: string | null;
}

const MAX_STORED_FILENAME = 255;

// Turns uploaded bytes into a stored résumé: type from the bytes (415 otherwise), the file
// encrypted under a generated key, the row and its parse job in the caller's transaction.
@Injectable()
export class ResumeIntakeService {
  constructor(
    private readonly transactions: Transactions,
    private readonly resumes: ResumeRepository,
    private readonly identity: CandidateIdentityService,
    private readonly candidates: CandidateResumeRecordsService,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
    private readonly parser: ResumeParserService,
    private readonly results: ResumeResultsService,
    private readonly quota: UploadQuotaService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  // POST /api/jobs/:id/applications with a multipart `resume` runs through here, inside the
  // apply transaction; parsing always goes through the queue on that path.
  async storeForApplication(
    manager: EntityManager,
    file: IncomingResume,
    candidateId: string,
    uploadedBy: string | null,
  ): Promise<Resume> {
    const kind = await this.detectKind(file.data);
    const key = this.storage.newKey('resume');
    await this.storage.put(key, file.data);
    const resume = await this.insert(manager, key, file, kind, { candidateId, uploadedBy });
    await this.queue.enqueue(RESUME_PARSE_QUEUE, { resume_id: resume.id }, { manager });
    await this.recordUpload(manager, resume, uploadedBy, 'application');
    return resume;
  }

  // Small files are usually parsed inline (worker thread, short time limit) so the answer is
  // useful at once; anything slower, or a busy process, falls back to the queue job.
  async upload(
    viewer: AuthUser | undefined,
    file: IncomingResume,
    clientAddress: string,
  ): Promise<ResumeParseResponse> {
    const kind = await this.detectKind(file.data);
    await this.chargeUpload(viewer, file, clientAddress);
    const inline = await this.parser.tryInline(file.data, kind);
    if (inline?.status === 'failed' && inline.code === 'ZIP_BOMB') {
      throw new DomainException(422, 'RESUME_ZIP_BOMB', inline.reason);
    }
    const key = this.storage.newKey('resume');
    await this.storage.put(key, file.data);
    try {
      const resume = await this.transactions.run(async (manager) => {
        const candidate = await this.candidateOf(manager, viewer);
        if (candidate) {
          await this.candidates.lockForResumeUpload(manager, candidate.id);
        }
        const created = await this.insert(manager, key, file, kind, {
          candidateId: candidate?.id ?? null,
          uploadedBy: viewer?.id ?? null,
        });
        if (candidate) {
          await this.candidates.pointToLatestResume(manager, candidate.id, created.id);
        }
        await this.recordUpload(manager, created, viewer?.id ?? null, 'upload', viewer?.role);
        return this.parseOrEnqueue(manager, created, inline);
      });
      return presentParseResult(resume);
    } catch (error) {
      // The row never committed, so nothing points at the file.
      await this.storage.delete(key);
      throw error;
    }
  }

  // Before anything reaches storage (issue #13.5): staff are exempt; everyone else is charged per
  // client address, and an upload that will wait unattached must fit under the global cap.
  private async chargeUpload(
    viewer: AuthUser | undefined,
    file: IncomingResume,
    clientAddress: string,
  ): Promise<void> {
    if (viewer && isStaff(viewer.role)) {
      return;
    }
    if (viewer?.role !== Role.Candidate) {
      this.quota.assertPendingRoom(await this.resumes.unattachedBytes(), file.data.length);
    }
    await this.quota.chargeAddress(clientAddress, file.data.length);
  }

  async detectKind(data: Buffer): Promise<ResumeFileKind> {
    const kind = await detectResumeType(data);
    if (!kind) {
      throw new DomainException(
        415,
        'UNSUPPORTED_FILE_TYPE',
        'Only PDF, DOCX and plain-text résumés are accepted (the type is read from the file contents)',
      );
    }
    return kind;
  }

  private async candidateOf(
    manager: EntityManager,
    viewer: AuthUser | undefined,
  ): Promise<{ id: string } | null> {
    if (viewer?.role !== Role.Candidate) {
      return null;
    }
    const candidate = await this.identity.findOrCreateForUser(manager, viewer.id);
    if (candidate.erasedAt) {
      throw new ConflictProblem(
        'CANDIDATE_ERASED',
        'This person asked for their data to be erased',
      );
    }
    return candidate;
  }

  private async parseOrEnqueue(
    manager: EntityManager,
    resume: Resume,
    inline: ParseOutcome | null,
  ): Promise<Resume> {
    if (inline) {
      return (await this.results.record(manager, resume.id, inline)) ?? resume;
    }
    await this.queue.enqueue(RESUME_PARSE_QUEUE, { resume_id: resume.id }, { manager });
    return resume;
  }

  private async insert(
    manager: EntityManager,
    storageKey: string,
    file: IncomingResume,
    kind: ResumeFileKind,
    owner: ResumeOwner,
  ): Promise<Resume> {
    const id = randomUUID();
    const resume = manager.create(Resume, {
      id,
      candidateId: owner.candidateId,
      uploadedBy: owner.uploadedBy,
      storageKey,
      originalFilename: (file.filename || 'resume').slice(0, MAX_STORED_FILENAME),
      fileKind: kind,
      contentType: RESUME_CONTENT_TYPES[kind],
      sizeBytes: file.data.length,
      contentHash: createHash('sha256').update(file.data).digest('hex'),
      parsingStatus: 'pending',
      parseError: null,
      parseErrorCode: null,
      text: null,
      parsed: null,
      skills: [],
      experienceYears: null,
      experienceLevel: null,
      parsedAt: null,
    });
    return this.resumes.insert(resume, manager);
  }

  private async recordUpload(
    manager: EntityManager,
    resume: Resume,
    actorId: string | null,
    via: 'upload' | 'application',
    actorRole?: string,
  ): Promise<void> {
    await this.audit.record(manager, {
      actorId,
      actorRole: actorRole ?? null,
      action: 'resume.uploaded',
      targetType: 'resume',
      targetId: resume.id,
      metadata: {
        candidate_id: resume.candidateId,
        file_kind: resume.fileKind,
        size_bytes: resume.sizeBytes,
        via,
      },
    });
  }
}
