import { Injectable } from '@nestjs/common';
import { UsersService } from '../auth/users.service';
import { CandidateIdentityService } from '../candidates/candidate-identity.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import {
  BadRequestProblem,
  DomainException,
  ForbiddenProblem,
} from '../common/errors/domain.exception';
import type { PersonalDataSubject } from '../kernel/personal-data/personal-data-handler';

export interface SubjectSelector {
  candidate_id?: string;
  email?: string;
}

export interface ResolvedSubject extends PersonalDataSubject {
  legalHold: boolean;
}

// Whose data a request is about: the caller's own by default; an admin may name someone by
// candidate id or e-mail address (including a candidate who never created an account).
@Injectable()
export class GdprSubjectService {
  constructor(
    private readonly users: UsersService,
    private readonly identity: CandidateIdentityService,
  ) {}

  async resolve(actor: AuthUser, selector: SubjectSelector): Promise<ResolvedSubject> {
    if (selector.candidate_id === undefined && selector.email === undefined) {
      const candidate = await this.identity.findForUser(actor.id);
      return {
        userId: actor.id,
        candidateId: candidate?.id ?? null,
        legalHold: candidate?.legalHold ?? false,
      };
    }
    if (actor.role !== Role.Admin) {
      throw new ForbiddenProblem(
        'GDPR_SUBJECT_ADMIN_ONLY',
        "Only an admin may act on someone else's data; omit candidate_id and email for your own",
      );
    }
    if (selector.candidate_id !== undefined && selector.email !== undefined) {
      throw new BadRequestProblem(
        'GDPR_SUBJECT_AMBIGUOUS',
        'Give candidate_id or email, not both',
        [{ field: 'email', message: 'email must not be combined with candidate_id' }],
      );
    }
    if (selector.candidate_id !== undefined) {
      const candidate = await this.identity.findById(selector.candidate_id);
      if (!candidate || candidate.erasedAt) {
        throw this.notFound();
      }
      return {
        userId: candidate.userId,
        candidateId: candidate.id,
        legalHold: candidate.legalHold,
      };
    }
    const email = selector.email!;
    const [user, byEmail] = await Promise.all([
      this.users.findByEmail(email),
      this.identity.findByEmail(email),
    ]);
    const candidate = byEmail ?? (user ? await this.identity.findForUser(user.id) : null);
    if (!user && !candidate) {
      throw this.notFound();
    }
    return {
      userId: candidate?.userId ?? user?.id ?? null,
      candidateId: candidate?.id ?? null,
      legalHold: candidate?.legalHold ?? false,
    };
  }

  private notFound(): DomainException {
    return new DomainException(404, 'GDPR_SUBJECT_NOT_FOUND', 'No person matches that selector');
  }
}
