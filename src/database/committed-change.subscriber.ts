import {
  EntitySubscriberInterface,
  InsertEvent,
  QueryRunner,
  RemoveEvent,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  UpdateEvent,
} from 'typeorm';

// Calls `committed()` once a change to one of the watched entities is committed: at once for a
// write outside a transaction, after the commit for one inside (nothing on rollback). For the
// in-process caches that must see this process's own writes before the answer reporting them is
// sent; other processes learn of them by NOTIFY. Query-builder writes raise these events too, with
// no entity, so the subscriber learns only that the table changed.
export abstract class CommittedChangeSubscriber implements EntitySubscriberInterface {
  private readonly pending = new WeakSet<QueryRunner>();

  protected constructor(
    private readonly watched: ReadonlySet<unknown>,
    // Whether an insert counts as a change (not for the account state: a sign-in inserts a
    // session and changes nothing a cached answer relied on).
    private readonly inserts: boolean,
  ) {}

  protected abstract committed(): void;

  afterInsert(event: InsertEvent<unknown>): void {
    if (this.inserts) {
      this.changed(event.metadata.target, event.queryRunner);
    }
  }

  afterUpdate(event: UpdateEvent<unknown>): void {
    this.changed(event.metadata.target, event.queryRunner);
  }

  afterRemove(event: RemoveEvent<unknown>): void {
    this.changed(event.metadata.target, event.queryRunner);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (this.pending.delete(event.queryRunner)) {
      this.committed();
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.pending.delete(event.queryRunner);
  }

  private changed(target: unknown, queryRunner: QueryRunner): void {
    if (!this.watched.has(target)) {
      return;
    }
    if (queryRunner.isTransactionActive) {
      this.pending.add(queryRunner);
    } else {
      this.committed();
    }
  }
}
