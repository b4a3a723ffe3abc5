import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  EntityMetadata,
  EntitySubscriberInterface,
  InsertEvent,
  LoadEvent,
  ObjectLiteral,
  UpdateEvent,
} from 'typeorm';
import { EntitySubscribers } from '../database/entity-subscribers';
import { CryptoService } from './crypto.service';
import {
  encryptedFieldAad,
  encryptedFieldsOf,
  keyedWordTokens,
  openValue,
  sealValue,
  searchTokenPurpose,
} from './encrypted-column';

type Row = Record<string, unknown>;

// The one place @EncryptedColumn values are sealed and opened (see encrypted-column.ts). Writes
// through insert(), save() and update() are sealed in place just before the SQL is built and
// restored right after, so the caller's object keeps its plain values. Raw SQL bypasses this: it
// must read `<column>_encrypted` and open it with openColumn().
@Injectable()
export class EncryptedColumnsSubscriber implements EntitySubscriberInterface, OnModuleInit {
  // Plain values taken out of an object while its statement runs, put back afterwards.
  private readonly sealed = new WeakMap<object, Row>();

  constructor(
    private readonly subscribers: EntitySubscribers,
    private readonly crypto: CryptoService,
  ) {}

  onModuleInit(): void {
    this.subscribers.attach(this);
  }

  afterLoad(entity: ObjectLiteral, event?: LoadEvent<ObjectLiteral>): void {
    const metadata = event?.metadata;
    const fields = metadata ? encryptedFieldsOf(metadata.target) : [];
    if (!metadata || fields.length === 0) {
      return;
    }
    const row = entity;
    for (const field of fields) {
      const stored = row[field.property];
      if (typeof stored === 'string') {
        const id = this.rowId(metadata, row, field.property);
        row[field.property] = openValue(
          this.crypto,
          field,
          encryptedFieldAad(metadata.tableName, field, id),
          stored,
        );
      } else if (stored == null && field.legacy && row[field.legacy] != null) {
        // Written before the column was encrypted and not backfilled yet.
        row[field.property] = row[field.legacy];
      }
    }
  }

  beforeInsert(event: InsertEvent<ObjectLiteral>): void {
    this.seal(event.metadata, event.entity);
  }

  afterInsert(event: InsertEvent<ObjectLiteral>): void {
    this.restore(event.entity);
  }

  beforeUpdate(event: UpdateEvent<ObjectLiteral>): void {
    this.seal(event.metadata, event.entity);
  }

  afterUpdate(event: UpdateEvent<ObjectLiteral>): void {
    this.restore(event.entity);
  }

  private seal(metadata: EntityMetadata, entity: ObjectLiteral | undefined): void {
    const fields = encryptedFieldsOf(metadata.target);
    if (!entity || fields.length === 0) {
      return;
    }
    const row = entity;
    const plain: Row = {};
    for (const field of fields) {
      if (!(field.property in row) || row[field.property] === undefined) {
        continue;
      }
      const value = row[field.property] as string | number | null;
      plain[field.property] = value;
      if (value !== null) {
        const id = this.rowId(metadata, row, field.property);
        row[field.property] = sealValue(
          this.crypto,
          encryptedFieldAad(metadata.tableName, field, id),
          value,
        );
      }
      if (field.searchTokens) {
        plain[field.searchTokens] = row[field.searchTokens];
        row[field.searchTokens] = keyedWordTokens(
          this.crypto,
          searchTokenPurpose(metadata.tableName, field),
          value === null ? null : String(value),
        );
      }
      // The new value supersedes whatever plaintext the row held before encryption.
      if (field.legacy) {
        plain[field.legacy] = row[field.legacy];
        row[field.legacy] = null;
      }
    }
    if (Object.keys(plain).length > 0) {
      this.sealed.set(entity, plain);
    }
  }

  private restore(entity: ObjectLiteral | undefined): void {
    const plain = entity ? this.sealed.get(entity) : undefined;
    if (entity && plain) {
      this.sealed.delete(entity);
      for (const [property, value] of Object.entries(plain)) {
        if (value === undefined) {
          delete entity[property];
        } else {
          entity[property] = value;
        }
      }
    }
  }

  // The AAD binds a value to its row. A criteria update (`update(Entity, { id }, values)`) does
  // not show its criteria to subscribers, so such a write must carry the id in its values.
  private rowId(metadata: EntityMetadata, row: Row, property: string): string {
    const primary = metadata.primaryColumns[0]?.propertyName;
    const id = primary ? row[primary] : undefined;
    if (typeof id !== 'string' || !id) {
      throw new Error(
        `${metadata.tableName}.${property} is encrypted: read or write it together with the row's ${primary ?? 'id'}`,
      );
    }
    return id;
  }
}
