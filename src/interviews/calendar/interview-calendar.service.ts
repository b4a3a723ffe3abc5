import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { CandidateIdentityService } from '../../candidates/candidate-identity.service';
import { Candidate } from '../../candidates/entities/candidate.entity';
import type { AuthUser } from '../../common/auth/policy.decorators';
import type { AppConfig, AppSettings } from '../../config/app-config';
import { JobsService } from '../../jobs/jobs.service';
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
    private readonly dataSource: DataSource,
    private readonly access: InterviewAccessService,
    private readonly jobs: JobsService,
    private readonly identity: CandidateIdentityService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.baseUrl = config.get<AppSettings>('app').publicBaseUrl.replace(/\/+$/, '');
  }

  async invite(viewer: AuthUser, id: string): Promise<CalendarFile> {
    const interview = await this.access.loadForViewer(viewer, id);
    const job = interview.jobId ? await this.jobs.getJob(interview.jobId) : null;
    const candidate = await this.dataSource
      .getRepository(Candidate)
      .findOneBy({ id: interview.candidateId });
    const contact =
      candidate && !candidate.erasedAt ? this.identity.decryptContact(candidate) : null;
    const method = interview.status === 'Cancelled' ? 'CANCEL' : 'REQUEST';
    const title = job
      ? `Interview: ${job.title}${job.company ? ` at ${job.company}` : ''}`
      : `Practice interview: ${interview.track ?? ''}`;
    const url = `${this.baseUrl}/interviews/${interview.id}`;
    const description = [
      `${interview.mode === 'live' ? 'Live' : 'Asynchronous'} ${interview.kind} interview, ${interview.durationMinutes} minutes, ${interview.questionCount} questions.`,
      `Open it at ${url}`,
      interview.status === 'Cancelled' ? 'This interview has been cancelled.' : '',
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
