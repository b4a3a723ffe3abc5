import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Page } from '../common/pagination/cursor';
import { keysetPage, PageRequest } from '../common/pagination/keyset';
import { WebhookDeliveryAttempt } from './entities/webhook-delivery-attempt.entity';
import { WebhookDelivery } from './entities/webhook-delivery.entity';

@Injectable()
export class WebhookDeliveriesRepository {
  constructor(
    @InjectRepository(WebhookDelivery) private readonly rows: Repository<WebhookDelivery>,
  ) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.rows.manager;
  }

  async insert(delivery: Partial<WebhookDelivery>, manager?: EntityManager): Promise<void> {
    await this.on(manager).insert(WebhookDelivery, delivery);
  }

  findWithEndpoint(id: string): Promise<WebhookDelivery | null> {
    return this.rows.findOne({ where: { id }, relations: { endpoint: true } });
  }

  lockOfEndpoint(
    id: string,
    endpointId: string,
    manager: EntityManager,
  ): Promise<WebhookDelivery | null> {
    return manager.findOne(WebhookDelivery, {
      where: { id, endpointId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async update(id: string, fields: Partial<WebhookDelivery>, manager?: EntityManager) {
    await this.on(manager).update(WebhookDelivery, { id }, fields);
  }

  // The attempt number of the new attempt; undefined when the delivery is gone (its endpoint
  // was deleted meanwhile).
  async countAttempt(id: string, manager: EntityManager): Promise<number | undefined> {
    const counted = await manager
      .createQueryBuilder()
      .update(WebhookDelivery)
      .set({ attempts: () => 'attempts + 1' })
      .where('id = :id', { id })
      .returning(['attempts'])
      .execute();
    return (counted.raw as { attempts: number }[])[0]?.attempts;
  }

  async insertAttempt(attempt: WebhookDeliveryAttempt, manager?: EntityManager): Promise<void> {
    await this.on(manager).insert(WebhookDeliveryAttempt, attempt);
  }

  attemptsOf(deliveryIds: string[], manager?: EntityManager): Promise<WebhookDeliveryAttempt[]> {
    return deliveryIds.length
      ? this.on(manager).find(WebhookDeliveryAttempt, {
          where: { deliveryId: In(deliveryIds) },
          order: { attempt: 'ASC' },
        })
      : Promise.resolve([]);
  }

  listOfEndpoint(endpointId: string, query: PageRequest): Promise<Page<WebhookDelivery>> {
    return keysetPage(
      this.rows.createQueryBuilder('d').where('d.endpoint_id = :endpointId', { endpointId }),
      query,
      { column: 'created_at', direction: 'DESC', key: (d) => [d.createdAt, d.id] },
      (d) => d,
    );
  }
}
