import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { NotFoundProblem } from '../common/errors/domain.exception';
import { Page } from '../common/pagination/cursor';
import { CryptoService } from '../crypto/crypto.service';
import { searchTokensFor } from '../crypto/encrypted-column';
import { skillKeysOf } from '../jobs/jobs.service';
import { ApplicationStatus } from '../pipeline';
import { presentApplication } from './application.presenter';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsService } from './applications.service';
import { CandidateIdentityService } from './candidate-identity.service';
import { CandidateProfileSources } from './candidate-profile-sources.service';
import { CandidatesRepository } from './candidates.repository';
import {
  CandidateProfileResponse,
  CandidateResponse,
  presentCandidate,
} from './candidate.presenter';
import { CandidateQueryDto } from './dto/candidate-query.dto';
import { Candidate } from './entities/candidate.entity';

@Injectable()
export class CandidatesService {
  constructor(
    private readonly candidates: CandidatesRepository,
    private readonly applicationRows: ApplicationsRepository,
    private readonly crypto: CryptoService,
    private readonly identity: CandidateIdentityService,
    private readonly applications: ApplicationsService,
    private readonly audit: AuditService,
    private readonly profileSources: CandidateProfileSources,
  ) {}

  async list(query: CandidateQueryDto): Promise<Page<CandidateResponse>> {
    const q = query.q?.trim();
    const names = query.skills ? query.skills.split(',').filter((n) => n.trim()) : [];
    return this.candidates.search(
      {
        // Company and position are encrypted: they match by whole words (keyed word digests).
        text: q
          ? {
              emailHash: this.crypto.emailIndex(q),
              tokens: this.identity.nameTokens(q),
              position: searchTokensFor(this.crypto, Candidate, 'currentPosition', 'candidates', q),
              company: searchTokensFor(this.crypto, Candidate, 'currentCompany', 'candidates', q),
              qKeys: skillKeysOf([q]),
            }
          : null,
        // As for jobs: unusable skill names ("*") match no one rather than everyone.
        skillKeys: names.length > 0 ? skillKeysOf(names) : null,
        jobId: query.job_id,
        stage: query.stage,
      },
      query,
      (c) => presentCandidate(c, this.identity.decryptContact(c)),
    );
  }

  // Reading a profile is an access to personal data by staff: audited.
  async profile(actor: AuthUser, id: string): Promise<CandidateProfileResponse> {
    const candidate = await this.candidates.findById(id);
    if (!candidate) {
      throw new NotFoundProblem('Candidate');
    }
    const [applications, resumes, interviews] = await Promise.all([
      this.applicationRows.listForCandidate(id),
      this.profileSources.resumesOf(id),
      this.profileSources.interviewsOf(id),
    ]);
    await this.audit.recordStandalone({
      actorId: actor.id,
      actorRole: actor.role,
      action: 'candidate.profile_viewed',
      targetType: 'candidate',
      targetId: id,
    });
    return {
      ...presentCandidate(candidate, this.identity.decryptContact(candidate)),
      applications: applications.map((a) => presentApplication(a)),
      resumes,
      interviews,
    };
  }

  async setStatus(
    actor: AuthUser,
    candidateId: string,
    status: ApplicationStatus,
    applicationId?: string,
    reason?: string,
  ) {
    let target = applicationId;
    if (!target) {
      const latest = await this.applications.latestApplicationOf(candidateId);
      if (!latest) {
        throw new NotFoundProblem('Application');
      }
      target = latest.id;
    } else {
      const application = await this.applicationRows.findById(target);
      if (!application || application.candidateId !== candidateId) {
        throw new NotFoundProblem('Application');
      }
    }
    return this.applications.setStatus(actor, target, status, reason);
  }
}
