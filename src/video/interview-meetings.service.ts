import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { CryptoService } from '../crypto/crypto.service';
import type { InterviewMeetingResponse } from '../interviews/interview.presenter';
import { InterviewMeetingSource } from '../interviews/interview-meeting-query.service';
import { VideoMeeting } from './entities/video-meeting.entity';
import { meetingAad } from './meeting.presenter';

// The video module's side of interviews' InterviewMeetingSource port: the active meeting of each
// interview, for the interview response's `meeting` field.
@Injectable()
export class InterviewMeetingsService extends InterviewMeetingSource {
  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
  ) {
    super();
  }

  async activeMeetings(
    interviewIds: string[],
    forStaff: boolean,
    manager?: EntityManager,
  ): Promise<Map<string, InterviewMeetingResponse>> {
    const rows = await (manager ?? this.dataSource.manager).find(VideoMeeting, {
      where: { interviewId: In(interviewIds), status: Not('cancelled') },
    });
    const meetings = new Map<string, InterviewMeetingResponse>();
    for (const row of rows) {
      meetings.set(row.interviewId, {
        id: row.id,
        provider: row.provider,
        join_url: this.crypto.decrypt(row.joinUrlEncrypted, meetingAad(row.id, 'join_url')),
        ...(forStaff
          ? {
              start_url: this.crypto.decryptNullable(
                row.startUrlEncrypted,
                meetingAad(row.id, 'start_url'),
              ),
            }
          : {}),
        passcode: this.crypto.decryptNullable(
          row.passcodeEncrypted,
          meetingAad(row.id, 'passcode'),
        ),
        start_time: row.startTime.toISOString(),
        status: row.status as InterviewMeetingResponse['status'],
      });
    }
    return meetings;
  }
}
