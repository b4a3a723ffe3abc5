import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

// The unit of work of a service: a transaction whose entity manager the service hands to the
// repositories it calls (each repository method takes an optional `manager`). Services never hold
// the DataSource; this class and the repositories are the only way to the database.
@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  run<T>(isolation: IsolationLevel, work: (manager: EntityManager) => Promise<T>): Promise<T>;
  run<T>(
    first: IsolationLevel | ((manager: EntityManager) => Promise<T>),
    second?: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return typeof first === 'function'
      ? this.dataSource.transaction(first)
      : this.dataSource.transaction(first, second!);
  }

  // The manager outside any transaction, for repositories called without one.
  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
