import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { Page } from '../common/pagination/cursor';
import { keysetPage, PageRequest } from '../common/pagination/keyset';
import { Scorecard } from './entities/scorecard.entity';

@Injectable()
export class ScorecardsRepository {
  constructor(@InjectRepository(Scorecard) private readonly rows: Repository<Scorecard>) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.rows.manager;
  }

  listForApplication<T>(
    applicationId: string,
    query: PageRequest,
    present: (s: Scorecard) => T,
  ): Promise<Page<T>> {
    return keysetPage(
      this.rows
        .createQueryBuilder('s')
        .where('s.application_id = :applicationId', { applicationId }),
      query,
      { column: 'created_at', direction: 'ASC', key: (s) => [s.createdAt, s.id] },
      present,
    );
  }

  // The interviewer's scorecard for this application and interview, locked for the edit.
  lockOwn(
    applicationId: string,
    interviewerId: string,
    interviewId: string | null,
    manager: EntityManager,
  ): Promise<Scorecard | null> {
    return manager.getRepository(Scorecard).findOne({
      where: { applicationId, interviewerId, interviewId: interviewId ?? IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async update(id: string, fields: Partial<Scorecard>, manager?: EntityManager): Promise<void> {
    await this.on(manager).update(Scorecard, { id }, fields);
  }

  async insert(scorecard: Partial<Scorecard>, manager?: EntityManager): Promise<void> {
    await this.on(manager).insert(Scorecard, scorecard);
  }

  findByIdOrFail(id: string, manager?: EntityManager): Promise<Scorecard> {
    return this.on(manager).findOneByOrFail(Scorecard, { id });
  }

  listForApplications(applicationIds: string[], manager?: EntityManager): Promise<Scorecard[]> {
    return applicationIds.length
      ? this.on(manager)
          .createQueryBuilder(Scorecard, 's')
          .where('s.application_id IN (:...applicationIds)', { applicationIds })
          .orderBy('s.created_at', 'ASC')
          .getMany()
      : Promise.resolve([]);
  }
}
