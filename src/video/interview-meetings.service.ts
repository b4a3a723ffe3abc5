import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InterviewMeetingResponse } from '../interviews/interview.presenter';
import { InterviewMeetingSource } from '../interviews/interview-meeting-query.service';
import { MeetingsRepository } from './meetings.repository';

// The video module's side of interviews' InterviewMeetingSource port: the active meeting of each
// interview, for the interview response's `meeting` field.
@Injectable()
export class InterviewMeetingsService extends InterviewMeetingSource {
  constructor(private readonly meetings: MeetingsRepository) {
    super();
  }

  async activeMeetings(
    interviewIds: string[],
    forStaff: boolean,
    manager?: EntityManager,
  ): Promise<Map<string, InterviewMeetingResponse>> {
    const rows = await this.meetings.listActiveForInterviews(interviewIds, manager);
    const meetings = new Map<string, InterviewMeetingResponse>();
    for (const row of rows) {
      meetings.set(row.interviewId, {
        id: row.id,
        provider: row.provider,
        join_url: row.joinUrl,
        ...(forStaff
          ? {
              start_url: row.startUrl,
            }
          : {}),
        passcode: row.passcode,
        start_time: row.startTime.toISOString(),
        status: row.status as InterviewMeetingResponse['status'],
      });
    }
    return meetings;
  }
}
