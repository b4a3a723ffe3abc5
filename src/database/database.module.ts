import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig, DatabaseSettings } from '../config/app-config';
import { buildDataSourceOptions } from './data-source.options';
import { databaseUrlProvider } from './database-url.provider';
import { RESOLVED_DATABASE_URL } from './database.tokens';
import { runMigrationsLocked } from './migrator';
import { EntitySubscribers } from './entity-subscribers';
import { Transactions } from './transactions';

@Global()
@Module({
  providers: [databaseUrlProvider],
  exports: [databaseUrlProvider],
})
class DatabaseUrlModule {}

@Global()
@Module({
  imports: [
    DatabaseUrlModule,
    TypeOrmModule.forRootAsync({
      inject: [ConfigService, RESOLVED_DATABASE_URL],
      useFactory: (config: ConfigService<AppConfig, true>, url: string) => {
        const settings = config.get<DatabaseSettings>('database');
        return {
          ...buildDataSourceOptions(url, settings.poolSize),
          // A wrong DATABASE_URL should stop the boot quickly with a readable error.
          retryAttempts: 2,
          retryDelay: 1000,
          // Read back by dataSourceFactory, which only receives the options.
          migrationsRun: !settings.skipMigrations,
        };
      },
      dataSourceFactory: async (options) => {
        // migrationsRun carries DB_SKIP_MIGRATIONS; TypeORM itself must not run them (no lock).
        const dataSource = await new DataSource({ ...options!, migrationsRun: false }).initialize();
        if (options!.migrationsRun) {
          await runMigrationsLocked(dataSource);
        }
        return dataSource;
      },
    }),
  ],
  providers: [Transactions, EntitySubscribers],
  exports: [DatabaseUrlModule, Transactions, EntitySubscribers],
})
export class DatabaseModule {}
