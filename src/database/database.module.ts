import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig, DatabaseSettings } from '../config/app-config';
import { buildDataSourceOptions } from './data-source.options';
import { databaseUrlProvider } from './database-url.provider';
import { RESOLVED_DATABASE_URL } from './database.tokens';
import { runMigrationsLocked } from './migrator';

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
      useFactory: (config: ConfigService<AppConfig, true>, url: string) => ({
        ...buildDataSourceOptions(url, config.get<DatabaseSettings>('database').poolSize),
        // A wrong DATABASE_URL should stop the boot quickly with a readable error.
        retryAttempts: 2,
        retryDelay: 1000,
      }),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        if (process.env.DB_SKIP_MIGRATIONS !== 'true') {
          await runMigrationsLocked(dataSource);
        }
        return dataSource;
      },
    }),
  ],
  exports: [DatabaseUrlModule],
})
export class DatabaseModule {}
