import { Injectable } from '@nestjs/common';
import { DataSource, EntitySubscriberInterface } from 'typeorm';

// Entity subscribers that need dependency injection (TypeORM's own `subscribers` option builds
// them itself) attach here, so their modules never hold the DataSource.
@Injectable()
export class EntitySubscribers {
  constructor(private readonly dataSource: DataSource) {}

  attach(subscriber: EntitySubscriberInterface): void {
    if (!this.dataSource.subscribers.includes(subscriber)) {
      this.dataSource.subscribers.push(subscriber);
    }
  }
}
