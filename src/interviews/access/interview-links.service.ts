import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { InterviewGuestAccess } from '../../auth';
import { InterviewAccessClaims, TokenService } from '../../auth/token.service';
import { BadRequestProblem } from '../../common/errors/domain.exception';
import { CryptoService } from '../../crypto/crypto.service';
import type { Interview } from '../entities/interview.entity';
import { InterviewResponse, presentInterview } from '../interview.presenter';
import type { InterviewLink } from '../entities/interview-link.entity';
import { InterviewRepository } from '../interview.repository';
import { InterviewLinkRepository } from './interview-link.repository';

// A link stays usable until a week after the interview's scheduled end.
const LINK_GRACE_MS = 7 * 24 * 3600_000;
// A guest token lives at most this long; the page exchanges the link again for a new one.
const GUEST_TOKEN_MAX_SECONDS = 4 * 3600;
const OPEN_STATUSES = new Set(['Scheduled', 'In Progress']);

export interface InterviewAccessGrant {
  access_token: string;
  expires_in: number;
  interview: InterviewResponse;
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

// Invitation links and the guest tokens they are exchanged for. The token is a keyed digest of the
// link id (so the server can put the same link in a later message or the .ics download without
// storing it) and the database keeps only its SHA-256.
@Injectable()
export class InterviewLinksService implements OnModuleInit {
  constructor(
    private readonly links: InterviewLinkRepository,
    private readonly interviews: InterviewRepository,
    private readonly crypto: CryptoService,
    private readonly tokens: TokenService,
    private readonly guests: InterviewGuestAccess,
  ) {}

  onModuleInit(): void {
    this.guests.useCheck((claims) => this.stillOpen(claims));
  }

  private tokenFor(linkId: string): string {
    return this.crypto.blindIndex('interview-link', linkId);
  }

  // A new link for the interview; every earlier one stops working.
  async issue(
    manager: EntityManager,
    interview: Interview,
  ): Promise<{ id: string; token: string }> {
    await this.revokeAll(manager, interview.id);
    const id = randomUUID();
    const token = this.tokenFor(id);
    await this.links.insert(
      {
        id,
        interviewId: interview.id,
        tokenHash: sha256(token),
        expiresAt: this.expiryOf(interview),
        revokedAt: null,
      },
      manager,
    );
    return { id, token };
  }

  // The link now in force (for a later message or the .ics), or null.
  async current(interviewId: string, manager?: EntityManager): Promise<string | null> {
    const link = await this.links.findCurrent(interviewId, manager);
    return link ? this.tokenFor(link.id) : null;
  }

  // A reschedule moves the expiry with the interview.
  async extend(manager: EntityManager, interview: Interview): Promise<void> {
    await this.links.extendUnrevoked(interview.id, this.expiryOf(interview), manager);
  }

  async revokeAll(manager: EntityManager, interviewId: string): Promise<void> {
    await this.links.revokeAll(interviewId, manager);
  }

  async exchange(token: string): Promise<InterviewAccessGrant> {
    const link = await this.links.findByTokenHash(sha256(token));
    const interview = link ? await this.interviews.findById(link.interviewId) : null;
    if (!link || !interview || !this.usable(link, interview)) {
      throw new BadRequestProblem(
        'INTERVIEW_LINK_INVALID',
        'This interview link is invalid, replaced, expired, or its interview has ended',
        [{ field: 'token', message: 'token is not a usable interview link' }],
      );
    }
    const expiresIn = Math.max(
      60,
      Math.min(GUEST_TOKEN_MAX_SECONDS, Math.floor((link.expiresAt.getTime() - Date.now()) / 1000)),
    );
    const accessToken = this.tokens.signInterviewAccess(
      { sub: link.id, iid: interview.id, cid: interview.candidateId },
      expiresIn,
    );
    return {
      access_token: accessToken,
      expires_in: expiresIn,
      interview: presentInterview(interview, false),
    };
  }

  // Read on every request a guest token makes: the token dies with its link and its interview.
  private async stillOpen(claims: InterviewAccessClaims): Promise<boolean> {
    const link = await this.links.findById(claims.sub);
    if (!link || link.interviewId !== claims.iid) {
      return false;
    }
    const interview = await this.interviews.findAccessState(link.interviewId);
    return !!interview && interview.candidateId === claims.cid && this.usable(link, interview);
  }

  private usable(link: InterviewLink, interview: Pick<Interview, 'status'>): boolean {
    return (
      !link.revokedAt &&
      link.expiresAt.getTime() > Date.now() &&
      OPEN_STATUSES.has(interview.status)
    );
  }

  private expiryOf(interview: Interview): Date {
    return new Date(
      interview.scheduledAt.getTime() + interview.durationMinutes * 60_000 + LINK_GRACE_MS,
    );
  }
}
