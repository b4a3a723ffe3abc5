import { createHash } from 'node:crypto';
import { DefaultNamingStrategy, NamingStrategyInterface, Table } from 'typeorm';

function snake(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

// PostgreSQL cuts identifiers at 63 bytes; a longer name keeps its start and gets a short hash of
// the whole, so two long names never collide.
const MAX_IDENTIFIER = 63;

function fit(name: string): string {
  if (name.length <= MAX_IDENTIFIER) {
    return name;
  }
  const digest = createHash('sha1').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_IDENTIFIER - digest.length - 1)}_${digest}`;
}

function bareTable(tableOrName: Table | string): string {
  const name = typeof tableOrName === 'string' ? tableOrName : tableOrName.name;
  return name.split('.').pop()!;
}

function keyName(prefix: string, tableOrName: Table | string, columns: string[]): string {
  return fit([prefix, bareTable(tableOrName), ...columns].join('_'));
}

// Property `createdAt` becomes column `created_at`, entity `PipelineStage` table `pipeline_stage`
// (entities name their tables explicitly anyway). Constraints and indexes get readable names —
// pk_<table>, fk_/uq_/ix_<table>_<columns>, chk_<table>_<hash of the expression> — wherever an
// entity does not name them itself (most do; migration 1796560000000 renamed the older hashed
// primary keys and the one relation unique).
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(className: string, customName: string | undefined): string {
    return customName ?? snake(className);
  }

  override columnName(
    propertyName: string,
    customName: string | undefined,
    prefixes: string[],
  ): string {
    return snake(prefixes.concat('').join('_')) + (customName ?? snake(propertyName));
  }

  override relationName(propertyName: string): string {
    return snake(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(`${relationName}_${referencedColumnName}`);
  }

  override joinTableName(
    firstTableName: string,
    secondTableName: string,
    firstPropertyName: string,
  ): string {
    return snake(`${firstTableName}_${firstPropertyName.replace(/\./g, '_')}_${secondTableName}`);
  }

  override joinTableColumnName(
    tableName: string,
    propertyName: string,
    columnName?: string,
  ): string {
    return snake(`${tableName}_${columnName ?? propertyName}`);
  }

  override primaryKeyName(tableOrName: Table | string): string {
    return fit(`pk_${bareTable(tableOrName)}`);
  }

  override foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return keyName('fk', tableOrName, columnNames);
  }

  override uniqueConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return keyName('uq', tableOrName, columnNames);
  }

  // The unique constraint of a one-to-one relation's join column.
  override relationConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return keyName('uq', tableOrName, columnNames);
  }

  override indexName(tableOrName: Table | string, columnNames: string[]): string {
    return keyName('ix', tableOrName, columnNames);
  }

  override checkConstraintName(tableOrName: Table | string, expression: string): string {
    const digest = createHash('sha1').update(expression).digest('hex').slice(0, 8);
    return fit(`chk_${bareTable(tableOrName)}_${digest}`);
  }

  override exclusionConstraintName(tableOrName: Table | string, expression: string): string {
    const digest = createHash('sha1').update(expression).digest('hex').slice(0, 8);
    return fit(`xcl_${bareTable(tableOrName)}_${digest}`);
  }
}
