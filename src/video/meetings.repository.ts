import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Not, Repository, UpdateResult } from 'typeorm';
import type { Page } from '../common/pagination/cursor';
import { keysetPage, PageRequest } from '../common/pagination/keyset';
import { VideoMeeting } from './entities/video-meeting.entity';

export interface MeetingFilter {
  interviewId?: string;
  status?: VideoMeeting['status'];
}

type MeetingChange = Partial<
  Pick<
    VideoMeeting,
    | 'status'
    | 'startTime'
    | 'durationMinutes'
    | 'autoRecording'
    | 'startedAt'
    | 'endedAt'
    | 'cancelledAt'
    | 'syncError'
  >
>;

// Every query of video_meetings. Writes carry the row id with the values: the encrypted columns'
// AAD binds them to it (see EncryptedColumnsSubscriber).
@Injectable()
export class MeetingsRepository {
  constructor(@InjectRepository(VideoMeeting) private readonly rows: Repository<VideoMeeting>) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.rows.manager;
  }

  build(values: Partial<VideoMeeting>): VideoMeeting {
    return this.rows.create(values);
  }

  async insert(meeting: VideoMeeting, manager?: EntityManager): Promise<void> {
    await this.on(manager).insert(VideoMeeting, meeting);
  }

  findById(id: string, manager?: EntityManager): Promise<VideoMeeting | null> {
    return this.on(manager).findOneBy(VideoMeeting, { id });
  }

  findByIdOrFail(id: string): Promise<VideoMeeting> {
    return this.rows.findOneByOrFail({ id });
  }

  // At most one per interview (unique index uq_video_meetings_active_interview).
  findActiveForInterview(interviewId: string): Promise<VideoMeeting | null> {
    return this.rows.findOneBy({ interviewId, status: Not('cancelled') });
  }

  listActiveForInterviews(
    interviewIds: string[],
    manager?: EntityManager,
  ): Promise<VideoMeeting[]> {
    return this.on(manager).find(VideoMeeting, {
      where: { interviewId: In(interviewIds), status: Not('cancelled') },
    });
  }

  listByExternalIds(provider: VideoMeeting['provider'], externalIds: string[]) {
    return this.rows.findBy({ provider, externalId: In(externalIds) });
  }

  page<T>(
    filter: MeetingFilter,
    page: PageRequest,
    present: (meeting: VideoMeeting) => T,
  ): Promise<Page<T>> {
    const qb = this.rows.createQueryBuilder('m');
    if (filter.interviewId) {
      qb.andWhere('m.interview_id = :interviewId', { interviewId: filter.interviewId });
    }
    if (filter.status) {
      qb.andWhere('m.status = :status', { status: filter.status });
    }
    return keysetPage(
      qb,
      page,
      { column: 'created_at', direction: 'DESC', key: (m) => [m.createdAt, m.id] },
      present,
    );
  }

  async update(id: string, change: MeetingChange, manager?: EntityManager): Promise<void> {
    await this.on(manager).update(VideoMeeting, { id }, change);
  }

  // Row-locked for the webhook that changes it.
  lockByExternalId(
    manager: EntityManager,
    provider: VideoMeeting['provider'],
    externalId: string,
  ): Promise<VideoMeeting | null> {
    return manager
      .getRepository(VideoMeeting)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.provider = :provider AND m.external_id = :externalId', { provider, externalId })
      .getOne();
  }

  // The room's next signal number, or undefined when the room is cancelled. Bumping the counter
  // row-locks the room, so a room's sequence numbers commit in order.
  async nextSignalSeq(manager: EntityManager, id: string): Promise<number | undefined> {
    const bumped: UpdateResult = await manager
      .createQueryBuilder()
      .update(VideoMeeting)
      .set({ lastSignalSeq: () => 'last_signal_seq + 1' })
      .where(`id = :id AND status <> 'cancelled'`, { id })
      .returning(['lastSignalSeq'])
      .execute();
    return (bumped.raw as { last_signal_seq: number }[])[0]?.last_signal_seq;
  }

  // Personal data: the meetings of these interviews; `columns` keeps erasure from opening the
  // encrypted columns, so a value that no longer decrypts cannot block it.
  listForInterviews(
    manager: EntityManager,
    interviewIds: string[],
    columns?: (keyof VideoMeeting)[],
  ): Promise<VideoMeeting[]> {
    if (interviewIds.length === 0) {
      return Promise.resolve([]);
    }
    const query = manager.getRepository(VideoMeeting).createQueryBuilder('m');
    if (columns) {
      query.select(columns.map((c) => `m.${c}`));
    }
    return query
      .where('m.interview_id IN (:...interviewIds)', { interviewIds })
      .orderBy('m.created_at', 'ASC')
      .getMany();
  }

  async deleteByIds(manager: EntityManager, ids: string[]): Promise<number> {
    return (await manager.delete(VideoMeeting, { id: In(ids) })).affected ?? 0;
  }
}
