import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CandidateIdentityService } from '../../candidates/candidate-identity.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { isStaff } from '../../common/auth/role';
import type { AppConfig, AppSettings } from '../../config/app-config';
import { JobsService } from '../../jobs/jobs.service';
import { InterviewLinksService } from '../access/interview-links.service';
import type { Interview } from '../entities/interview.entity';
import { InterviewAccessService } from '../interview-access.service';
import { buildInvite } from './ics';

export interface CalendarFile {
  body: string;
  method: 'REQUEST' | 'CANCEL';
  filename: string;
}

// The invitation for an interview's participants: REQUEST while it stands, CANCEL once
// cancelled, with SEQUENCE bumped by every change so calendar clients replace the old copy.
@Injectable()
export class InterviewCalendarService {
  private readonly baseUrl: string;

  constructor(
    private readonly access: InterviewAccessService,
    private readonly jobs: JobsService,
    private readonly identity: CandidateIdentityService,
    private readonly links: InterviewLinksService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.baseUrl = config.get<AppSettings>('app').publicBaseUrl.replace(/\/+$/, '');
  }

  async invite(viewer: AuthUser, id: string): Promise<CalendarFile> {
    const interview = await this.access.loadForViewer(viewer, id);
    // Only the candidate's own copy carries the link: it lets its holder take the interview.
    const token = isStaff(viewer.role) ? null : await this.links.current(interview.id);
    return this.build(interview, interview.status === 'Cancelled' ? 'CANCEL' : 'REQUEST', token);
  }

  // The link a candidate opens: PUBLIC_URL/interview/<token> while a link stands, else the
  // interview's own page.
  linkUrl(interviewId: string, token: string | null): string {
    return token
      ? `${this.baseUrl}/interview/${token}`
      : `${this.baseUrl}/interviews/${interviewId}`;
  }

  // The same UID for every version of an interview's invitation; SEQUENCE follows the interview.
  async build(
    interview: Interview,
    method: 'REQUEST' | 'CANCEL',
    token: string | null,
  ): Promise<CalendarFile> {
    const job = interview.jobId ? await this.jobs.getJob(interview.jobId) : null;
    const candidate = await this.identity.findById(interview.candidateId);
    const contact =
      candidate && !candidate.erasedAt ? this.identity.decryptContact(candidate) : null;
    const title = job
      ? `Interview: ${job.title}${job.company ? ` at ${job.company}` : ''}`
      : `Practice interview: ${interview.track ?? ''}`;
    const url = this.linkUrl(interview.id, token);
    const description = [
      `${interview.mode === 'live' ? 'Live' : 'Asynchronous'} ${interview.kind} interview, ${interview.durationMinutes} minutes, ${interview.questionCount} questions.`,
      method === 'CANCEL' ? 'This interview has been cancelled.' : `Open it at ${url}`,
    ]
      .filter(Boolean)
      .join('\n');
    const body = buildInvite({
      uid: `${interview.id}@panelist`,
      method,
      sequence: interview.sequence,
      start: interview.scheduledAt,
      end: new Date(interview.scheduledAt.getTime() + interview.durationMinutes * 60_000),
      stamp: interview.updatedAt,
      summary: title,
      description,
      url,
      organizer: { name: 'Panelist', email: `interviews@${new URL(this.baseUrl).hostname}` },
      attendee: contact?.email ? { name: contact.full_name, email: contact.email } : undefined,
    });
    return { body, method, filename: `interview-${interview.id}.ics` };
  }
}
