import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, Page, pageLimit, toPage } from './cursor';

export type SortDirection = 'ASC' | 'DESC';

// One keyset order: a sort column of the query's main alias, then its id as the tie-breaker, so
// the order is total and a cursor names exactly one position in it.
export interface KeysetOrder<R> {
  // Column of the query's main alias (snake_case, as in SQL), e.g. 'created_at'.
  column: string;
  direction: SortDirection;
  // The cursor values of a row: its sort value and its id, in that order.
  key: (row: R) => [string | number | Date, string];
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

function cursorValue(value: string | number | Date): string | number {
  return value instanceof Date ? value.toISOString() : value;
}

// The one keyset-pagination helper for TypeORM query builders: it decodes the cursor (400
// INVALID_CURSOR for a forged one), adds `(sort, id) < / > (last sort, last id)`, orders by both,
// fetches limit + 1 rows and cuts the page. The caller keeps its own filters on the builder.
// Lists written in raw SQL use `keysetCondition` with the same cursor format.
export async function keysetPage<E extends ObjectLiteral, T>(
  qb: SelectQueryBuilder<E>,
  page: PageRequest,
  order: KeysetOrder<E>,
  present: (row: E) => T,
): Promise<Page<T>> {
  const limit = pageLimit(page.limit);
  const alias = qb.alias;
  const after = decodeCursor(page.cursor, 2);
  if (after) {
    const op = order.direction === 'DESC' ? '<' : '>';
    qb.andWhere(`(${alias}.${order.column}, ${alias}.id) ${op} (:keysetSort, :keysetId)`, {
      keysetSort: after[0],
      keysetId: after[1],
    });
  }
  const rows = await qb
    .orderBy(`${alias}.${order.column}`, order.direction)
    .addOrderBy(`${alias}.id`, order.direction)
    .limit(limit + 1)
    .getMany();
  return toPage(rows, limit, (row) => order.key(row).map(cursorValue), present);
}

// The same keyset condition for a list written in SQL: `param` binds a value and returns its
// placeholder. Returns null on the first page.
export function keysetCondition(
  cursor: string | undefined,
  alias: string,
  order: { column: string; direction: SortDirection },
  param: (value: unknown) => string,
): string | null {
  const after = decodeCursor(cursor, 2);
  if (!after) {
    return null;
  }
  const op = order.direction === 'DESC' ? '<' : '>';
  return `(${alias}.${order.column}, ${alias}.id) ${op} (${param(after[0])}, ${param(after[1])})`;
}
