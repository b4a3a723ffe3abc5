import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { BadRequestProblem } from '../errors/domain.exception';
import { decodeCursor, encodeCursor, Page, PageQueryDto, toPage } from './cursor';

// Incremental sync (issue #19, item 3): `updated_after` turns a list into the rows changed after
// an instant, oldest change first, ordered by (updated_at, id).
//
// Transactions commit in another order than they write: a row stamped 10:00:00.000 by a
// transaction still open may become visible after rows stamped 10:00:00.500 were listed, and a
// cursor past 10:00:00.500 would skip it for good. So a list only goes up to a horizon: the start
// of the oldest transaction open on the database (pg_stat_activity), or the present. A database
// trigger stamps updated_at with the clock at the moment of writing (migrations IncrementalSync, SyncStampAtWrite):
// a transaction open when the horizon is read stamps nothing before its start, one not yet
// started (or not yet listed) stamps after the horizon was read, so every row stamped before
// the horizon is committed and visible to the list's later snapshot. A client walking the cursor
// sees each change once it has committed, never skips one, and a row changed again after it was
// listed comes again later with its new updated_at.
export const UpdatedAfter = () =>
  applyDecorators(
    ApiPropertyOptional({
      format: 'date-time',
      description:
        'Incremental sync: only rows changed after this instant (ISO-8601), ordered by (updated_at, id), oldest first. Walking next_cursor returns every such row once its change has committed; a row changed again later comes again.',
    }),
    IsOptional(),
    IsISO8601({ strict: true }),
  );

export class SyncPageQueryDto extends PageQueryDto {
  @UpdatedAfter()
  updated_after?: string;
}

const TAG = 'u';

export interface SyncWindow {
  // Strictly after this (updated_at, id); id is null for the first page (updated_after alone).
  fromAt: string;
  fromId: string | null;
  horizon: string;
  // A transaction is open: the list stops short of the present.
  lagging: boolean;
}

const MAX_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

interface Queryable {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// [updated_at, id] of a sync cursor; null for any other cursor (an ordinary list's, or a forgery).
function syncCursorOf(cursor: string | undefined): [string, string] | null {
  let values: (string | number)[] | null;
  try {
    values = decodeCursor(cursor, 3);
  } catch {
    return null;
  }
  if (
    values?.[0] === TAG &&
    typeof values[1] === 'string' &&
    typeof values[2] === 'string' &&
    !Number.isNaN(Date.parse(values[1])) &&
    UUID.test(values[2])
  ) {
    return [values[1], values[2]];
  }
  return null;
}

// The sync window of a list request, or null when it is an ordinary (newest first) list.
export async function syncWindow(
  db: Queryable,
  query: SyncPageQueryDto,
): Promise<SyncWindow | null> {
  const position = syncCursorOf(query.cursor);
  if (!position && query.updated_after === undefined) {
    return null;
  }
  if (!position && query.cursor) {
    throw new BadRequestProblem('INVALID_CURSOR', 'The cursor is not valid for this list', [
      {
        field: 'cursor',
        message: 'cursor must be a value returned by this list with updated_after',
      },
    ]);
  }
  // Its own statement, before the list's: a transaction missing from pg_stat_activity here has
  // committed (or not started), so the list's later snapshot sees all it wrote below the horizon.
  const rows = await db.query<{ horizon: string; lagging: boolean }[]>(
    `SELECT to_char(date_trunc('milliseconds', LEAST(recent, COALESCE(oldest, 'infinity')))
              AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS horizon,
            COALESCE(oldest < recent, false) AS lagging
       FROM (SELECT statement_timestamp() AS recent,
                    (SELECT min(xact_start) FROM pg_stat_activity
                      WHERE datname = current_database() AND pid <> pg_backend_pid()
                        AND backend_type = 'client backend' AND xact_start IS NOT NULL) AS oldest) w`,
  );
  return {
    fromAt: position ? position[0] : new Date(query.updated_after!).toISOString(),
    fromId: position ? position[1] : null,
    horizon: rows[0].horizon,
    lagging: rows[0].lagging,
  };
}

// SQL conditions for a table alias; `param` binds a value and returns its placeholder.
export function syncConditions(
  alias: string,
  window: SyncWindow,
  param: (value: unknown) => string,
): string[] {
  const after = window.fromId
    ? `(${alias}.updated_at, ${alias}.id) > (${param(window.fromAt)}::timestamptz, ${param(window.fromId)}::uuid)`
    : `${alias}.updated_at > ${param(window.fromAt)}::timestamptz`;
  return [after, `${alias}.updated_at < ${param(window.horizon)}::timestamptz`];
}

function syncCursor(updatedAt: string, id: string): string {
  return encodeCursor([TAG, updatedAt, id]);
}

// One page of a sync walk. next_cursor is null only when the walk has caught up: nothing
// changed at or past the horizon and no open transaction holds it back. Otherwise it comes even
// after a short or empty page, so the client asks again from where it stopped.
export async function syncPage<R, T>(
  db: Queryable,
  table: string,
  window: SyncWindow,
  rows: R[],
  limit: number,
  positionOf: (row: R) => [updatedAt: string, id: string],
  present: (row: R) => T,
): Promise<Page<T>> {
  const page = toPage(rows, limit, (r) => positionOf(r), present);
  if (page.next_cursor !== null) {
    const last = positionOf(rows[limit - 1]);
    return { ...page, next_cursor: syncCursor(last[0], last[1]) };
  }
  const beyond =
    window.lagging ||
    (
      await db.query<unknown[]>(
        `SELECT 1 FROM "${table}" WHERE updated_at >= $1::timestamptz LIMIT 1`,
        [window.horizon],
      )
    ).length > 0;
  if (!beyond) {
    return page;
  }
  const last = rows.length
    ? positionOf(rows[rows.length - 1])
    : [window.fromAt, window.fromId ?? MAX_UUID];
  return { ...page, next_cursor: syncCursor(last[0], last[1]) };
}

// The window on a TypeORM query builder: conditions and the (updated_at, id) order.
export function applySyncWindow<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  window: SyncWindow,
): SelectQueryBuilder<T> {
  const params: Record<string, unknown> = {};
  const param = (value: unknown) => {
    const name = `sync${Object.keys(params).length}`;
    params[name] = value;
    return `:${name}`;
  };
  const conditions = syncConditions(alias, window, param);
  for (const condition of conditions) {
    qb.andWhere(condition, params);
  }
  return qb.orderBy(`${alias}.updated_at`, 'ASC').addOrderBy(`${alias}.id`, 'ASC');
}
