import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { MediaFile } from '../entities/media-file.entity';
import type { MediaFileStatus } from '../entities/media-file.entity';

// Which files a retention category removes.
export type MediaFilePurge = 'uploaded_before' | 'unused_upload_expired_before';

const PURGE_CONDITIONS: Record<MediaFilePurge, string> = {
  uploaded_before: `status = 'uploaded' AND uploaded_at < $1`,
  unused_upload_expired_before: `status <> 'uploaded' AND upload_expires_at < $1`,
};

// Every query of media_files.
@Injectable()
export class MediaFilesRepository {
  constructor(@InjectRepository(MediaFile) private readonly rows: Repository<MediaFile>) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.rows.manager;
  }

  async insert(file: Partial<MediaFile>, manager?: EntityManager): Promise<void> {
    await this.on(manager).insert(MediaFile, file);
  }

  findById(id: string): Promise<MediaFile | null> {
    return this.rows.findOneBy({ id });
  }

  findByIdOrFail(id: string): Promise<MediaFile> {
    return this.rows.findOneByOrFail({ id });
  }

  findByFileKey(fileKey: string): Promise<MediaFile | null> {
    return this.rows.findOneBy({ fileKey });
  }

  // The claim that lets one writer move a file out of `from`: true when this call won it.
  async claimForReceiving(id: string, from: MediaFileStatus): Promise<boolean> {
    const claimed = await this.rows.update({ id, status: from }, { status: 'receiving' });
    return !!claimed.affected;
  }

  async markUploaded(
    id: string,
    stored: { sizeBytes: number; durationSeconds: number | null },
  ): Promise<void> {
    await this.rows.update({ id }, { status: 'uploaded', ...stored, uploadedAt: new Date() });
  }

  // Gives a failed claim back. Only a file still being received goes back: a retried intake job can
  // take over a claim while the first job finishes, and the loser's failure must not turn an
  // uploaded file (whose intake object is already gone) back into a pending one for good.
  async markPending(id: string): Promise<void> {
    await this.rows.update({ id, status: 'receiving' }, { status: 'pending' });
  }

  // Personal data.
  listOwnedBy(manager: EntityManager, ownerId: string): Promise<MediaFile[]> {
    return manager.find(MediaFile, { where: { ownerId }, order: { createdAt: 'ASC' } });
  }

  async deleteOwnedBy(manager: EntityManager, ownerId: string): Promise<void> {
    await manager.delete(MediaFile, { ownerId });
  }

  async countDue(purge: MediaFilePurge, cutoff: Date): Promise<number> {
    const [row] = await this.rows.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM media_files WHERE ${PURGE_CONDITIONS[purge]}`,
      [cutoff],
    );
    return row.n;
  }

  // A batch of due files, locked for the caller's transaction; rows someone else holds are skipped.
  lockDue(
    manager: EntityManager,
    purge: MediaFilePurge,
    cutoff: Date,
    limit: number,
  ): Promise<{ id: string; file_key: string }[]> {
    return manager.query<{ id: string; file_key: string }[]>(
      `SELECT id, file_key FROM media_files WHERE ${PURGE_CONDITIONS[purge]}
        ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [cutoff, limit],
    );
  }

  async deleteByIds(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query('DELETE FROM media_files WHERE id = ANY($1::uuid[])', [ids]);
  }
}
