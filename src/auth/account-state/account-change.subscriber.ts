import { Injectable } from '@nestjs/common';
import {
  EntitySubscriberInterface,
  QueryRunner,
  RemoveEvent,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  UpdateEvent,
} from 'typeorm';
import { EntitySubscribers } from '../../database/entity-subscribers';
import { ApiKey } from '../entities/api-key.entity';
import { AuthSession } from '../entities/auth-session.entity';
import { User } from '../entities/user.entity';
import { AccountStateCache } from './account-state.cache';

// The tables whose changes decide whether a token still grants access.
const WATCHED = new Set<unknown>([User, AuthSession, ApiKey]);

// This process's own changes reach its cache synchronously, right after the commit and before the
// answer that reports them is sent; other processes learn of them by NOTIFY (AccountStateCache).
// The event does not say which rows an update touched, and these changes are rare (sign-out,
// password, role, deactivation), so the whole local cache is dropped.
@Injectable()
export class AccountChangeSubscriber implements EntitySubscriberInterface {
  private readonly pending = new WeakSet<QueryRunner>();

  constructor(
    subscribers: EntitySubscribers,
    private readonly cache: AccountStateCache,
  ) {
    subscribers.attach(this);
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
    if (!WATCHED.has(target)) {
      return;
    }
    if (queryRunner.isTransactionActive) {
      this.pending.add(queryRunner);
    } else {
      this.cache.invalidateAll();
    }
  }
}
