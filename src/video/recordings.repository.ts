import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { Page } from '../common/pagination/cursor';
import { keysetPage, PageRequest } from '../common/pagination/keyset';
import { VideoRecording } from './entities/video-recording.entity';

const WITHOUT_LINK: (keyof VideoRecording)[] = [
  'id',
  'meetingId',
  'interviewId',
  'externalFileId',
  'recordingType',
  'fileType',
  'fileExtension',
  'fileSize',
  'recordingStart',
  'recordingEnd',
  'status',
  'storageKey',
  'storedBytes',
  'attempts',
  'lastError',
  'source',
  'createdAt',
  'updatedAt',
];

export interface RecordingFilter {
  interviewId?: string;
  meetingId?: string;
}

// Every query of video_recordings. The download URL and token are @EncryptedColumn values.
@Injectable()
export class RecordingsRepository {
  constructor(
    @InjectRepository(VideoRecording) private readonly rows: Repository<VideoRecording>,
  ) {}

  // false when the meeting already has this vendor file (uq_video_recordings_file).
  async insertOnce(manager: EntityManager, recording: Partial<VideoRecording>): Promise<boolean> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(VideoRecording)
      .values(recording)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  findById(id: string): Promise<VideoRecording | null> {
    return this.rows.findOneBy({ id });
  }

  // Every column but the encrypted download link.
  findWithoutLink(id: string): Promise<VideoRecording | null> {
    return this.rows
      .createQueryBuilder('r')
      .select(WITHOUT_LINK.map((c) => `r.${c}`))
      .where('r.id = :id', { id })
      .getOne();
  }

  async downloadLink(id: string): Promise<Pick<VideoRecording, 'downloadUrl' | 'downloadToken'>> {
    const row = await this.rows.findOneOrFail({
      select: { id: true, downloadUrl: true, downloadToken: true },
      where: { id },
    });
    return { downloadUrl: row.downloadUrl, downloadToken: row.downloadToken };
  }

  page<T>(
    filter: RecordingFilter,
    page: PageRequest,
    present: (recording: VideoRecording) => T,
  ): Promise<Page<T>> {
    const qb = this.rows.createQueryBuilder('r');
    if (filter.interviewId) {
      qb.andWhere('r.interview_id = :interviewId', { interviewId: filter.interviewId });
    }
    if (filter.meetingId) {
      qb.andWhere('r.meeting_id = :meetingId', { meetingId: filter.meetingId });
    }
    return keysetPage(
      qb,
      page,
      { column: 'created_at', direction: 'DESC', key: (r) => [r.createdAt, r.id] },
      present,
    );
  }

  // Conditional on the row still being pending, so only one download wins; the vendor token is
  // dropped once the file is ours.
  async markStored(
    manager: EntityManager,
    id: string,
    stored: { storageKey: string; storedBytes: number },
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(VideoRecording)
      .set({
        status: 'stored',
        storageKey: stored.storageKey,
        storedBytes: stored.storedBytes,
        downloadToken: null,
        lastError: null,
        attempts: () => 'attempts + 1',
      })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
    return !!result.affected;
  }

  async recordFailedAttempt(id: string, error: string, final: boolean): Promise<void> {
    await this.rows
      .createQueryBuilder()
      .update(VideoRecording)
      .set({
        status: final ? 'failed' : 'pending',
        lastError: error,
        attempts: () => 'attempts + 1',
      })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
  }

  // Personal data; erasure and export never need the link.
  listForMeetings(manager: EntityManager, meetingIds: string[]): Promise<VideoRecording[]> {
    if (meetingIds.length === 0) {
      return Promise.resolve([]);
    }
    return manager
      .getRepository(VideoRecording)
      .createQueryBuilder('r')
      .select(WITHOUT_LINK.map((c) => `r.${c}`))
      .where('r.meeting_id IN (:...meetingIds)', { meetingIds })
      .orderBy('r.created_at', 'ASC')
      .getMany();
  }

  countStoredBefore(cutoff: Date): Promise<number> {
    return this.rows
      .createQueryBuilder('r')
      .where('r.created_at < :cutoff AND r.storage_key IS NOT NULL', { cutoff })
      .getCount();
  }

  // Retention: a batch of stored recordings older than the cutoff, locked for this transaction.
  async lockStoredBefore(
    manager: EntityManager,
    cutoff: Date,
    limit: number,
  ): Promise<{ id: string; storage_key: string }[]> {
    return manager.query<{ id: string; storage_key: string }[]>(
      `SELECT id, storage_key FROM video_recordings WHERE created_at < $1 AND storage_key IS NOT NULL
        ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [cutoff, limit],
    );
  }

  async deleteByIds(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) {
      await manager.delete(VideoRecording, { id: In(ids) });
    }
  }
}
