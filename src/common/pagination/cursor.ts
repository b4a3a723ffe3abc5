import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { BadRequestProblem } from '../errors/domain.exception';

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
  limit: number;
}

// Keyset cursors: the sort key values of the last row, base64url JSON. Walking pages with
// `(sort, id) < (last sort, last id)` returns every row once even while rows are inserted.
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(
  cursor: string | undefined,
  arity: number,
): (string | number)[] | null {
  if (!cursor) {
    return null;
  }
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values;
    }
  } catch {
    // fall through to the 400 below
  }
  throw new BadRequestProblem('INVALID_CURSOR', 'The cursor is not valid for this list', [
    { field: 'cursor', message: 'cursor must be a value returned by this list' },
  ]);
}

export function pageLimit(limit: number | undefined): number {
  return Math.min(100, Math.max(1, limit ?? 20));
}

// Fetch limit + 1 rows; the extra row only says whether another page exists.
export function toPage<R, T>(
  rows: R[],
  limit: number,
  cursorOf: (row: R) => (string | number)[],
  present: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(present),
    next_cursor: more ? encodeCursor(cursorOf(pageRows[pageRows.length - 1])) : null,
    limit,
  };
}
