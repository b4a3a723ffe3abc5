import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Page } from '../common/pagination/cursor';
import { keysetPage, PageRequest } from '../common/pagination/keyset';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';

@Injectable()
export class WebhookEndpointsRepository {
  constructor(
    @InjectRepository(WebhookEndpoint) private readonly rows: Repository<WebhookEndpoint>,
  ) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.rows.manager;
  }

  async insert(endpoint: Partial<WebhookEndpoint>, manager?: EntityManager): Promise<void> {
    await this.on(manager).insert(WebhookEndpoint, endpoint);
  }

  findById(id: string, manager?: EntityManager): Promise<WebhookEndpoint | null> {
    return this.on(manager).findOneBy(WebhookEndpoint, { id });
  }

  findByIdOrFail(id: string, manager?: EntityManager): Promise<WebhookEndpoint> {
    return this.on(manager).findOneByOrFail(WebhookEndpoint, { id });
  }

  exists(id: string, manager?: EntityManager): Promise<boolean> {
    return this.on(manager).existsBy(WebhookEndpoint, { id });
  }

  // Returns whether there was such an endpoint.
  async delete(id: string, manager?: EntityManager): Promise<boolean> {
    const result = await this.on(manager).delete(WebhookEndpoint, { id });
    return !!result.affected;
  }

  async update(
    id: string,
    fields: Partial<WebhookEndpoint>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.on(manager).update(WebhookEndpoint, { id }, fields);
  }

  listNewestFirst<T>(query: PageRequest, present: (e: WebhookEndpoint) => T): Promise<Page<T>> {
    return keysetPage(
      this.rows.createQueryBuilder('e'),
      query,
      { column: 'created_at', direction: 'DESC', key: (e) => [e.createdAt, e.id] },
      present,
    );
  }

  // Ids only: the signing secret is not needed to queue a delivery.
  activeIdsSubscribedTo(event: string, manager: EntityManager): Promise<WebhookEndpoint[]> {
    return manager
      .createQueryBuilder(WebhookEndpoint, 'e')
      .select(['e.id'])
      .where('e.is_active')
      .andWhere(':event = ANY(e.events)', { event })
      .getMany();
  }

  // One more failed delivery in a row: the new count, and whether the endpoint is still active
  // (undefined when it was deleted meanwhile).
  async countFailure(
    id: string,
    manager: EntityManager,
  ): Promise<{ consecutive_failures: number; is_active: boolean } | undefined> {
    const counted = await manager
      .createQueryBuilder()
      .update(WebhookEndpoint)
      .set({ consecutiveFailures: () => 'consecutive_failures + 1' })
      .where('id = :id', { id })
      .returning(['consecutiveFailures', 'isActive'])
      .execute();
    return (counted.raw as { consecutive_failures: number; is_active: boolean }[])[0];
  }
}
