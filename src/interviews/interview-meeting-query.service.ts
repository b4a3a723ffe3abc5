import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CryptoService } from '../crypto/crypto.service';
import type { InterviewMeetingResponse } from './interview.presenter';

interface ActiveMeetingRow {
  id: string;
  interview_id: string;
  provider: InterviewMeetingResponse['provider'];
  join_url_encrypted: string;
  start_url_encrypted?: string | null;
  passcode_encrypted: string | null;
  start_time: Date;
  status: InterviewMeetingResponse['status'];
}

const aad = (id: string, column: string) => CryptoService.fieldAad('video_meetings', column, id);

// Reads the active video meeting of interviews for the interview response's `meeting` field.
// Plain SQL on `video_meetings` rather than the video module's entity or service: the video module
// imports this one (access checks, meeting lifecycle), so importing it back would be a cycle. The
// video module owns writes; this only reads, and decrypts with the same per-column AAD.
@Injectable()
export class InterviewMeetingQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
  ) {}

  async forInterview(
    interviewId: string,
    forStaff: boolean,
    manager?: EntityManager,
  ): Promise<InterviewMeetingResponse | null> {
    return (await this.forInterviews([interviewId], forStaff, manager)).get(interviewId) ?? null;
  }

  // One query for a whole page of interviews. The host link is read for staff only, so it never
  // reaches a candidate's response (it carries Zoom's host token).
  async forInterviews(
    interviewIds: string[],
    forStaff: boolean,
    manager?: EntityManager,
  ): Promise<Map<string, InterviewMeetingResponse>> {
    const meetings = new Map<string, InterviewMeetingResponse>();
    if (interviewIds.length === 0) {
      return meetings;
    }
    const rows = await (manager ?? this.dataSource.manager).query<ActiveMeetingRow[]>(
      `SELECT id, interview_id, provider, join_url_encrypted, passcode_encrypted, start_time, status
              ${forStaff ? ', start_url_encrypted' : ''}
         FROM video_meetings
        WHERE interview_id = ANY($1::uuid[]) AND status <> 'cancelled'`,
      [interviewIds],
    );
    for (const row of rows) {
      meetings.set(row.interview_id, {
        id: row.id,
        provider: row.provider,
        join_url: this.crypto.decrypt(row.join_url_encrypted, aad(row.id, 'join_url')),
        ...(forStaff
          ? {
              start_url: this.crypto.decryptNullable(
                row.start_url_encrypted,
                aad(row.id, 'start_url'),
              ),
            }
          : {}),
        passcode: this.crypto.decryptNullable(row.passcode_encrypted, aad(row.id, 'passcode')),
        start_time: new Date(row.start_time).toISOString(),
        status: row.status,
      });
    }
    return meetings;
  }
}
