import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { loadClasses } from './class-loader';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// src/database → project root is two levels up both in src/ and in dist/src/.
const projectRoot = join(__dirname, '..', '..');
const sourceRoot = join(__dirname, '..');

export function entityClasses() {
  return loadClasses(sourceRoot, /\.entity\.(ts|js)$/);
}

export function migrationClasses() {
  return loadClasses(join(projectRoot, 'migrations'), /^.*\/\d{13}-[A-Za-z0-9]+\.(ts|js)$/);
}

export function buildDataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: entityClasses(),
    migrations: migrationClasses(),
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // random_page_cost 1.1: storage here is SSD or page cache. The default 4.0 models spinning disks
    // and steered the planner to sequential scans instead of the GIN indexes (bench/RESULTS.md).
    extra: { max: poolSize, connectionTimeoutMillis: 5000, options: '-c random_page_cost=1.1' },
  };
}
