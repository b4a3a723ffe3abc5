import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { PersonalDataSubject } from '../kernel/personal-data/personal-data-handler';
import { GdprRequest } from './entities/gdpr-request.entity';

// Serialises requests for one person so repeated clicks open one erasure, not several.
const ERASURE_LOCK_PREFIX = 'gdpr-erasure:';

const ABOUT_SUBJECT = `(subject_candidate_id = $1 OR (subject_user_id IS NOT NULL AND subject_user_id = $2))`;

type RequestChange = Partial<
  Pick<
    GdprRequest,
    | 'status'
    | 'startedAt'
    | 'completedAt'
    | 'attempts'
    | 'errorCode'
    | 'reason'
    | 'completedHandlers'
    | 'erasedCounts'
  >
>;

// Every query of gdpr_requests. The reason is an @EncryptedColumn value.
@Injectable()
export class GdprRequestsRepository {
  constructor(@InjectRepository(GdprRequest) private readonly rows: Repository<GdprRequest>) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.rows.manager;
  }

  async insert(manager: EntityManager, request: Partial<GdprRequest>): Promise<GdprRequest> {
    await manager.insert(GdprRequest, request);
    return manager.findOneByOrFail(GdprRequest, { id: request.id });
  }

  findById(id: string): Promise<GdprRequest | null> {
    return this.rows.findOneBy({ id });
  }

  async update(id: string, change: RequestChange, manager?: EntityManager): Promise<void> {
    await this.on(manager).update(GdprRequest, { id }, { id, ...change });
  }

  lock(manager: EntityManager, id: string): Promise<GdprRequest> {
    return manager
      .getRepository(GdprRequest)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOneOrFail();
  }

  // The person's pending or running erasure, under a transaction-scoped advisory lock on the
  // person, so a concurrent request waits and then finds this one.
  async lockOpenErasure(
    manager: EntityManager,
    subject: PersonalDataSubject,
  ): Promise<GdprRequest | null> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `${ERASURE_LOCK_PREFIX}${subject.candidateId ?? subject.userId}`,
    ]);
    return manager
      .createQueryBuilder(GdprRequest, 'r')
      .where("r.kind = 'erasure' AND r.status IN ('pending', 'running')")
      .andWhere(
        '(r.subject_candidate_id = :candidateId OR (r.subject_candidate_id IS NULL AND r.subject_user_id = :userId))',
        { candidateId: subject.candidateId, userId: subject.userId },
      )
      .getOne();
  }

  // Personal data.
  listAbout(manager: EntityManager, subject: PersonalDataSubject): Promise<GdprRequest[]> {
    const where = [
      ...(subject.candidateId ? [{ subjectCandidateId: subject.candidateId }] : []),
      ...(subject.userId ? [{ subjectUserId: subject.userId }] : []),
    ];
    return where.length
      ? manager.find(GdprRequest, { where, order: { createdAt: 'ASC' } })
      : Promise.resolve([]);
  }

  // The request rows stay as proof; only the person's free text goes.
  async clearReasonsAbout(manager: EntityManager, subject: PersonalDataSubject): Promise<void> {
    await manager.query(
      `UPDATE gdpr_requests SET reason_encrypted = NULL
        WHERE ${ABOUT_SUBJECT} AND reason_encrypted IS NOT NULL`,
      [subject.candidateId, subject.userId],
    );
  }
}
