import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Application } from './entities/application.entity';

@Injectable()
export class ApplicationsRepository {
  constructor(@InjectRepository(Application) private readonly rows: Repository<Application>) {}

  private on(manager: EntityManager | undefined): EntityManager {
    return manager ?? this.rows.manager;
  }

  findById(id: string, manager?: EntityManager): Promise<Application | null> {
    return this.on(manager).findOneBy(Application, { id });
  }

  findForJobAndCandidate(
    jobId: string,
    candidateId: string,
    manager?: EntityManager,
  ): Promise<Application | null> {
    return this.on(manager).findOneBy(Application, { jobId, candidateId });
  }

  // Newest first.
  listForCandidate(candidateId: string, manager?: EntityManager): Promise<Application[]> {
    return this.on(manager).find(Application, {
      where: { candidateId },
      order: { appliedAt: 'DESC' },
    });
  }

  latestOfCandidate(candidateId: string, manager?: EntityManager): Promise<Application | null> {
    return this.on(manager).findOne(Application, {
      where: { candidateId },
      order: { appliedAt: 'DESC' },
    });
  }
}
