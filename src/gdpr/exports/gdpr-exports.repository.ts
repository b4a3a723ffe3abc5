import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { PersonalDataSubject } from '../../kernel/personal-data/personal-data-handler';
import { GdprExport } from '../entities/gdpr-export.entity';

const ABOUT_SUBJECT = `(subject_candidate_id = $1 OR (subject_user_id IS NOT NULL AND subject_user_id = $2))`;
const EXPIRED_READY = `status = 'ready' AND expires_at < $1`;

type ExportChange = Partial<
  Pick<
    GdprExport,
    'status' | 'storageKey' | 'sizeBytes' | 'attempts' | 'errorCode' | 'completedAt' | 'expiresAt'
  >
>;

// Every query of gdpr_exports.
@Injectable()
export class GdprExportsRepository {
  constructor(@InjectRepository(GdprExport) private readonly rows: Repository<GdprExport>) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.rows.manager;
  }

  async insert(manager: EntityManager, values: Partial<GdprExport>): Promise<GdprExport> {
    const row = manager.create(GdprExport, values);
    await manager.insert(GdprExport, row);
    return manager.findOneByOrFail(GdprExport, { id: row.id });
  }

  findById(id: string): Promise<GdprExport | null> {
    return this.rows.findOneBy({ id });
  }

  // false when the row is gone (the person was erased meanwhile).
  async update(id: string, change: ExportChange, manager?: EntityManager): Promise<boolean> {
    const updated = await this.on(manager).update(GdprExport, { id }, change);
    return !!updated.affected;
  }

  async countDownload(manager: EntityManager, id: string): Promise<void> {
    await manager.increment(GdprExport, { id }, 'downloadCount', 1);
    await manager.update(GdprExport, { id }, { lastDownloadedAt: new Date() });
  }

  lock(manager: EntityManager, id: string): Promise<GdprExport | null> {
    return manager
      .getRepository(GdprExport)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id', { id })
      .getOne();
  }

  // Personal data.
  listAbout(manager: EntityManager, subject: PersonalDataSubject): Promise<GdprExport[]> {
    const where = [
      ...(subject.candidateId ? [{ subjectCandidateId: subject.candidateId }] : []),
      ...(subject.userId ? [{ subjectUserId: subject.userId }] : []),
    ];
    return where.length
      ? manager.find(GdprExport, { where, order: { createdAt: 'ASC' } })
      : Promise.resolve([]);
  }

  async idsAbout(manager: EntityManager, subject: PersonalDataSubject): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM gdpr_exports WHERE ${ABOUT_SUBJECT}`,
      [subject.candidateId, subject.userId],
    );
    return rows.map((r) => r.id);
  }

  async deleteByIds(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query('DELETE FROM gdpr_exports WHERE id = ANY($1::uuid[])', [ids]);
  }

  // Retention: ready exports whose link expired before the cutoff.
  async countExpiredBefore(cutoff: Date): Promise<number> {
    const [row] = await this.rows.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM gdpr_exports WHERE ${EXPIRED_READY}`,
      [cutoff],
    );
    return row.n;
  }

  async lockExpiredBefore(manager: EntityManager, cutoff: Date, limit: number): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM gdpr_exports WHERE ${EXPIRED_READY}
        ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [cutoff, limit],
    );
    return rows.map((r) => r.id);
  }

  async markExpired(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(
      `UPDATE gdpr_exports SET status = 'expired', storage_key = NULL WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
