import type { TableErasure } from '../../kernel/personal-data/personal-data-handler';
import { notPersonalDataReason } from '../../kernel/personal-data/not-personal-data';

// The registry proves coverage column by column: every column that can hold text about a person
// (text, varchar, char, json, jsonb, bytea, tsvector, and arrays of them) of every entity is either
// erased by a registered handler (it lists the column, or deletes the subject's rows of the
// table) or declared @NotPersonalData(reason) on the entity. A new text column is therefore a
// failing test until someone decides which it is.

export interface ColumnInfo {
  name: string;
  textLike: boolean;
  notPersonalReason?: string;
}

export interface TableColumns {
  table: string;
  columns: readonly ColumnInfo[];
}

export interface HandlerTables {
  handler: string;
  tables: Readonly<Record<string, TableErasure>>;
}

export interface UncoveredColumn {
  table: string;
  column: string;
}

// A handler naming a table or column that no entity has: a typo or a leftover, either way the
// declaration proves nothing.
export interface StaleDeclaration {
  handler: string;
  table: string;
  column?: string;
}

const TEXT_LIKE =
  /^(text|varchar|character varying|char|character|citext|json|jsonb|bytea|tsvector|simple-array|simple-json|simple-enum|enum)$/i;

export function isTextLike(type: unknown): boolean {
  if (type === String) {
    return true;
  }
  return typeof type === 'string' && TEXT_LIKE.test(type);
}

interface ColumnMetadataLike {
  databaseName: string;
  propertyName: string;
  type: unknown;
}

interface EntityMetadataLike {
  tableName: string;
  target: unknown;
  columns: readonly ColumnMetadataLike[];
}

// The columns of every entity the data source knows, with what the entity declares about them.
export function entityColumns(metadatas: readonly EntityMetadataLike[]): TableColumns[] {
  return metadatas.map((m) => ({
    table: m.tableName,
    columns: m.columns.map((c) => ({
      name: c.databaseName,
      textLike: isTextLike(c.type),
      notPersonalReason: notPersonalDataReason(m.target, c.propertyName),
    })),
  }));
}

function erasedBy(handlers: readonly HandlerTables[], table: string, column: string): boolean {
  return handlers.some((h) => {
    const erasure = h.tables[table];
    return erasure === 'rows' || (Array.isArray(erasure) && erasure.includes(column));
  });
}

export function findUncoveredColumns(
  entities: readonly TableColumns[],
  handlers: readonly HandlerTables[],
): UncoveredColumn[] {
  return entities
    .flatMap((entity) =>
      entity.columns
        .filter(
          (c) => c.textLike && !c.notPersonalReason && !erasedBy(handlers, entity.table, c.name),
        )
        .map((c) => ({ table: entity.table, column: c.name })),
    )
    .sort((a, b) => a.table.localeCompare(b.table) || a.column.localeCompare(b.column));
}

export function findStaleDeclarations(
  entities: readonly TableColumns[],
  handlers: readonly HandlerTables[],
): StaleDeclaration[] {
  const columns = new Map(entities.map((e) => [e.table, new Set(e.columns.map((c) => c.name))]));
  const stale: StaleDeclaration[] = [];
  for (const h of handlers) {
    for (const [table, erasure] of Object.entries(h.tables)) {
      const known = columns.get(table);
      if (!known) {
        stale.push({ handler: h.handler, table });
        continue;
      }
      for (const column of erasure === 'rows' ? [] : erasure) {
        if (!known.has(column)) {
          stale.push({ handler: h.handler, table, column });
        }
      }
    }
  }
  return stale;
}
