import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Page } from '../common/pagination/cursor';
import { keysetPage, PageRequest } from '../common/pagination/keyset';
import { RejectionReason } from './entities/rejection-reason.entity';

@Injectable()
export class RejectionReasonsRepository {
  constructor(
    @InjectRepository(RejectionReason) private readonly rows: Repository<RejectionReason>,
  ) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.rows.manager;
  }

  listByName<T>(query: PageRequest, present: (r: RejectionReason) => T): Promise<Page<T>> {
    return keysetPage(
      this.rows.createQueryBuilder('r'),
      query,
      { column: 'name', direction: 'ASC', key: (r) => [r.name, r.id] },
      present,
    );
  }

  isNameTaken(name: string, manager?: EntityManager): Promise<boolean> {
    return this.on(manager)
      .createQueryBuilder(RejectionReason, 'r')
      .where('lower(r.name) = lower(:name)', { name })
      .getExists();
  }

  async insert(reason: RejectionReason, manager?: EntityManager): Promise<void> {
    await this.on(manager).insert(RejectionReason, reason);
  }

  findById(id: string, manager?: EntityManager): Promise<RejectionReason | null> {
    return this.on(manager).findOneBy(RejectionReason, { id });
  }
}
