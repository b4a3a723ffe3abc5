import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import type { InterviewMeetingResponse } from './interview.presenter';

// The port interviews declares for the `meeting` field of an interview response: the video
// module (which sits above interviews and owns video_meetings) provides it. Interviews never
// imports video nor reads its tables.
export abstract class InterviewMeetingSource {
  // The active (not cancelled) meeting of each interview. The host link is set for staff only,
  // so it never reaches a candidate's response (it carries Zoom's host token).
  abstract activeMeetings(
    interviewIds: string[],
    forStaff: boolean,
    manager?: EntityManager,
  ): Promise<Map<string, InterviewMeetingResponse>>;
}

// Resolves the port on first use (the providing module is built after this one, and importing it
// would be a cycle). An application without the video module has no meetings.
@Injectable()
export class InterviewMeetingQueryService {
  private source: InterviewMeetingSource | null | undefined;

  constructor(private readonly moduleRef: ModuleRef) {}

  async forInterview(
    interviewId: string,
    forStaff: boolean,
    manager?: EntityManager,
  ): Promise<InterviewMeetingResponse | null> {
    return (await this.forInterviews([interviewId], forStaff, manager)).get(interviewId) ?? null;
  }

  // One query for a whole page of interviews.
  async forInterviews(
    interviewIds: string[],
    forStaff: boolean,
    manager?: EntityManager,
  ): Promise<Map<string, InterviewMeetingResponse>> {
    const source = this.resolve();
    if (interviewIds.length === 0 || !source) {
      return new Map();
    }
    return source.activeMeetings(interviewIds, forStaff, manager);
  }

  private resolve(): InterviewMeetingSource | null {
    if (this.source === undefined) {
      try {
        this.source = this.moduleRef.get(InterviewMeetingSource, { strict: false });
      } catch {
        this.source = null;
      }
    }
    return this.source ?? null;
  }
}
