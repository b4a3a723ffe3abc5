import { Injectable } from '@nestjs/common';
import {
  EntitySubscriberInterface,
  InsertEvent,
  QueryRunner,
  RemoveEvent,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  UpdateEvent,
} from 'typeorm';
import { Job } from './entities/job.entity';
import { JobsRepository } from './jobs.repository';
import { PublicJobCache } from './public-job.cache';

// This process's own job changes reach the public cache right after the commit, before the answer
// that reports them is sent; other processes learn of them by NOTIFY. Query-builder writes
// (update, increment, delete) raise these events too, with no entity: the whole cache goes.
@Injectable()
export class JobChangeSubscriber implements EntitySubscriberInterface {
  private readonly pending = new WeakSet<QueryRunner>();

  constructor(
    jobs: JobsRepository,
    private readonly cache: PublicJobCache,
  ) {
    jobs.addSubscriber(this);
  }

  afterInsert(event: InsertEvent<unknown>): void {
    this.changed(event.metadata.target, event.queryRunner);
  }

  afterUpdate(event: UpdateEvent<unknown>): void {
    this.changed(event.metadata.target, event.queryRunner);
  }

  afterRemove(event: RemoveEvent<unknown>): void {
    this.changed(event.metadata.target, event.queryRunner);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (this.pending.delete(event.queryRunner)) {
      this.cache.invalidateAll();
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.pending.delete(event.queryRunner);
  }

  private changed(target: unknown, queryRunner: QueryRunner): void {
    if (target !== Job) {
      return;
    }
    if (queryRunner.isTransactionActive) {
      this.pending.add(queryRunner);
    } else {
      this.cache.invalidateAll();
    }
  }
}
