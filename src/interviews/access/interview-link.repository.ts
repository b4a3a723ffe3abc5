import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { InterviewLink } from '../entities/interview-link.entity';

@Injectable()
export class InterviewLinkRepository {
  constructor(@InjectRepository(InterviewLink) private readonly rows: Repository<InterviewLink>) {}

  private on(manager: EntityManager | undefined): EntityManager {
    return manager ?? this.rows.manager;
  }

  async insert(link: DeepPartial<InterviewLink>, manager?: EntityManager): Promise<void> {
    await this.on(manager).insert(InterviewLink, link);
  }

  findById(id: string): Promise<InterviewLink | null> {
    return this.rows.findOneBy({ id });
  }

  findByTokenHash(tokenHash: string): Promise<InterviewLink | null> {
    return this.rows.findOneBy({ tokenHash });
  }

  // The newest link neither revoked nor expired.
  findCurrent(interviewId: string, manager?: EntityManager): Promise<InterviewLink | null> {
    return this.on(manager).findOne(InterviewLink, {
      where: { interviewId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC' },
    });
  }

  async extendUnrevoked(
    interviewId: string,
    expiresAt: Date,
    manager?: EntityManager,
  ): Promise<void> {
    await this.on(manager).update(
      InterviewLink,
      { interviewId, revokedAt: IsNull() },
      { expiresAt },
    );
  }

  async revokeAll(interviewId: string, manager?: EntityManager): Promise<void> {
    await this.on(manager).update(
      InterviewLink,
      { interviewId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
  }
}
