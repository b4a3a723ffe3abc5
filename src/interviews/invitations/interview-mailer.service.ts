import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { ConflictProblem } from '../../common/errors/domain.exception';
import { UsersService } from '../../auth/users.service';
import { CandidateIdentityService } from '../../candidates/candidate-identity.service';
import { Transactions } from '../../database/transactions';
import { JobsService } from '../../jobs/jobs.service';
import { MailService } from '../../mail/mail.service';
import type { TemplateKey } from '../../mail/templates/template-keys';
import { InterviewLinksService } from '../access/interview-links.service';
import { InterviewCalendarService } from '../calendar/interview-calendar.service';
import type { Interview } from '../entities/interview.entity';
import { InterviewAccessService } from '../interview-access.service';

type InvitationKind = 'invitation' | 'updated' | 'cancelled' | 'reminder';

const TEMPLATE: Record<InvitationKind, TemplateKey> = {
  invitation: 'interview_invitation',
  updated: 'interview_updated',
  cancelled: 'interview_cancelled',
  reminder: 'interview_reminder',
};

function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// The candidate's messages about a screening interview, each queued in the transaction that
// changed it: invitation (a new link + METHOD:REQUEST), update (a new link, same UID, higher
// SEQUENCE), cancellation (links revoked, METHOD:CANCEL), reminder; and the recruiter's notice
// when it is completed. Practice interviews send nothing.
@Injectable()
export class InterviewMailerService {
  constructor(
    private readonly mail: MailService,
    private readonly links: InterviewLinksService,
    private readonly calendar: InterviewCalendarService,
    private readonly identity: CandidateIdentityService,
    private readonly jobs: JobsService,
    private readonly users: UsersService,
    private readonly transactions: Transactions,
    private readonly access: InterviewAccessService,
    private readonly audit: AuditService,
  ) {}

  invited(manager: EntityManager, interview: Interview): Promise<void> {
    return this.toCandidate(manager, interview, 'invitation');
  }

  rescheduled(manager: EntityManager, interview: Interview): Promise<void> {
    return this.toCandidate(manager, interview, 'updated');
  }

  cancelled(manager: EntityManager, interview: Interview): Promise<void> {
    return this.toCandidate(manager, interview, 'cancelled');
  }

  reminded(manager: EntityManager, interview: Interview): Promise<void> {
    return this.toCandidate(manager, interview, 'reminder');
  }

  private async toCandidate(
    manager: EntityManager,
    interview: Interview,
    kind: InvitationKind,
  ): Promise<void> {
    if (interview.kind !== 'screening') {
      return;
    }
    const candidate = await this.identity.findById(interview.candidateId);
    const contact =
      candidate && !candidate.erasedAt ? this.identity.decryptContact(candidate) : null;
    if (!contact?.email) {
      return;
    }
    let token: string | null = null;
    let linkId = '';
    if (kind === 'invitation' || kind === 'updated') {
      ({ id: linkId, token } = await this.links.issue(manager, interview));
    } else if (kind === 'cancelled') {
      await this.links.revokeAll(manager, interview.id);
    } else {
      token = await this.links.current(interview.id, manager);
    }
    const job = interview.jobId ? await this.jobs.getJob(interview.jobId, manager) : null;
    const attachments =
      kind === 'reminder'
        ? []
        : [await this.calendarPart(interview, kind === 'cancelled' ? 'CANCEL' : 'REQUEST', token)];
    await this.mail.enqueue(manager, {
      template: TEMPLATE[kind],
      to: contact.email,
      eventKey: this.eventKey(interview, kind, linkId),
      category: kind === 'reminder' ? 'reminder' : 'essential',
      jobId: interview.jobId,
      subject: { userId: candidate?.userId ?? null, candidateId: interview.candidateId },
      attachments,
      variables: {
        recipient_name: contact.full_name ?? '',
        job_title: job?.title ?? 'your interview',
        company: job?.company ?? '',
        scheduled_at: when(interview.scheduledAt),
        duration_minutes: interview.durationMinutes,
        mode: interview.mode === 'live' ? 'live' : 'answered at your own pace',
        interview_url: this.calendar.linkUrl(interview.id, token),
      },
    });
  }

  // A new invitation with a new link; issuing it revokes the old one.
  async resend(actor: AuthUser, interviewId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const interview = await this.access.lock(manager, interviewId);
      if (
        interview.kind !== 'screening' ||
        !['Scheduled', 'In Progress'].includes(interview.status)
      ) {
        throw new ConflictProblem(
          'INTERVIEW_NOT_OPEN',
          `Only a scheduled or running screening interview has a link; this one is ${interview.status}`,
        );
      }
      await this.toCandidate(manager, interview, 'invitation');
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'interview.invitation_resent',
        targetType: 'interview',
        targetId: interview.id,
      });
    });
  }

  async completed(manager: EntityManager, interview: Interview, completedAt: Date): Promise<void> {
    await this.links.revokeAll(manager, interview.id);
    if (interview.kind !== 'screening') {
      return;
    }
    const job = interview.jobId ? await this.jobs.getJob(interview.jobId, manager) : null;
    const recruiterId = interview.scheduledBy ?? job?.createdBy ?? null;
    const recruiter = recruiterId ? await this.users.findById(recruiterId) : null;
    if (!recruiter || !recruiter.isActive || recruiter.erasedAt) {
      return;
    }
    const account = this.users.present(recruiter);
    const candidate = await this.identity.findById(interview.candidateId);
    const contact =
      candidate && !candidate.erasedAt ? this.identity.decryptContact(candidate) : null;
    await this.mail.enqueue(manager, {
      template: 'interview_completed',
      to: account.email,
      eventKey: `interview_completed:${interview.id}`,
      category: 'staff',
      subject: { userId: recruiter.id },
      variables: {
        recipient_name: account.full_name ?? account.username,
        candidate_name: contact?.full_name ?? 'A candidate',
        job_title: job?.title ?? '',
        interview_id: interview.id,
        completed_at: when(completedAt),
        results_url: this.mail.link(`/api/interviews/${interview.id}/results`),
      },
    });
  }

  private eventKey(interview: Interview, kind: InvitationKind, linkId: string): string {
    switch (kind) {
      case 'invitation':
        // Each new link is its own invitation (a resend sends again).
        return `interview_invitation:${interview.id}:${linkId}`;
      case 'updated':
        return `interview_updated:${interview.id}:${interview.sequence}`;
      case 'cancelled':
        return `interview_cancelled:${interview.id}`;
      case 'reminder':
        return `interview_reminder:${interview.id}:${interview.scheduledAt.getTime()}`;
    }
  }

  private async calendarPart(
    interview: Interview,
    method: 'REQUEST' | 'CANCEL',
    token: string | null,
  ): Promise<{ filename: string; contentType: string; content: string }> {
    const file = await this.calendar.build(interview, method, token);
    return {
      filename: 'invite.ics',
      contentType: `text/calendar; charset=utf-8; method=${method}`,
      content: file.body,
    };
  }
}
