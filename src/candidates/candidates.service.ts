import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { NotFoundProblem } from '../common/errors/domain.exception';
import { decodeCursor, Page, pageLimit, toPage } from '../common/pagination/cursor';
import { applySyncWindow, syncPage, syncWindow } from '../common/pagination/sync-window';
import { CryptoService } from '../crypto/crypto.service';
import { searchTokensFor } from '../crypto/encrypted-column';
import { skillKeysOf } from '../jobs/jobs.service';
import { ApplicationStatus } from '../pipeline';
import { presentApplication } from './application.presenter';
import { ApplicationsService } from './applications.service';
import { CandidateIdentityService } from './candidate-identity.service';
import { CandidateProfileSources } from './candidate-profile-sources.service';
import {
  CandidateProfileResponse,
  CandidateResponse,
  presentCandidate,
} from './candidate.presenter';
import { CandidateQueryDto } from './dto/candidate-query.dto';
import { Application } from './entities/application.entity';
import { Candidate } from './entities/candidate.entity';

@Injectable()
export class CandidatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly identity: CandidateIdentityService,
    private readonly applications: ApplicationsService,
    private readonly audit: AuditService,
    private readonly profileSources: CandidateProfileSources,
  ) {}

  async list(query: CandidateQueryDto): Promise<Page<CandidateResponse>> {
    const limit = pageLimit(query.limit);
    const qb = this.dataSource
      .getRepository(Candidate)
      .createQueryBuilder('c')
      .where('c.erased_at IS NULL');
    if (query.q?.trim()) {
      const q = query.q.trim();
      const tokens = this.identity.nameTokens(q);
      // Company and position are encrypted: they match by whole words (keyed word digests).
      qb.andWhere(
        `(c.email_hash = :emailHash OR (cardinality(:tokens::text[]) > 0 AND c.name_tokens @> :tokens::text[])
          OR (cardinality(:position::text[]) > 0 AND c.current_position_tokens @> :position::text[])
          OR (cardinality(:company::text[]) > 0 AND c.current_company_tokens @> :company::text[])
          OR (cardinality(:qKeys::text[]) > 0 AND c.skill_keys @> :qKeys::text[]))`,
        {
          emailHash: this.crypto.emailIndex(q),
          tokens,
          position: searchTokensFor(this.crypto, Candidate, 'currentPosition', 'candidates', q),
          company: searchTokensFor(this.crypto, Candidate, 'currentCompany', 'candidates', q),
          qKeys: skillKeysOf([q]),
        },
      );
    }
    if (query.skills) {
      const names = query.skills.split(',').filter((s) => s.trim());
      const keys = skillKeysOf(names);
      if (keys.length > 0) {
        qb.andWhere('c.skill_keys @> :keys::text[]', { keys });
      } else if (names.length > 0) {
        // As for jobs: unusable skill names ("*") match no one rather than everyone.
        qb.andWhere('false');
      }
    }
    if (query.job_id || query.stage) {
      const conditions = ['a.candidate_id = c.id'];
      if (query.job_id) {
        conditions.push('a.job_id = :jobId');
      }
      if (query.stage) {
        conditions.push('a.stage = :stage');
      }
      qb.andWhere(`EXISTS (SELECT 1 FROM applications a WHERE ${conditions.join(' AND ')})`, {
        jobId: query.job_id,
        stage: query.stage,
      });
    }
    const sync = await syncWindow(this.dataSource, query);
    if (sync) {
      const rows = await applySyncWindow(qb, 'c', sync)
        .limit(limit + 1)
        .getMany();
      return syncPage(
        this.dataSource,
        'candidates',
        sync,
        rows,
        limit,
        (c) => [c.updatedAt.toISOString(), c.id],
        (c) => presentCandidate(c, this.identity.decryptContact(c)),
      );
    }
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      qb.andWhere('(c.created_at, c.id) < (:at, :id)', { at: after[0], id: after[1] });
    }
    const rows = await qb
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    return toPage(
      rows,
      limit,
      (c) => [c.createdAt.toISOString(), c.id],
      (c) => presentCandidate(c, this.identity.decryptContact(c)),
    );
  }

  // Reading a profile is an access to personal data by staff: audited.
  async profile(actor: AuthUser, id: string): Promise<CandidateProfileResponse> {
    const candidate = await this.dataSource.getRepository(Candidate).findOneBy({ id });
    if (!candidate) {
      throw new NotFoundProblem('Candidate');
    }
    const [applications, resumes, interviews] = await Promise.all([
      this.dataSource
        .getRepository(Application)
        .find({ where: { candidateId: id }, order: { appliedAt: 'DESC' } }),
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
      const application = await this.dataSource
        .getRepository(Application)
        .findOneBy({ id: target });
      if (!application || application.candidateId !== candidateId) {
        throw new NotFoundProblem('Application');
      }
    }
    return this.applications.setStatus(actor, target, status, reason);
  }
}
