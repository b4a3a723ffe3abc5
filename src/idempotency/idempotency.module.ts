import { Injectable, Logger, Module } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyKey } from './entities/idempotency-key.entity';
import { IdempotencyHooks } from './idempotency.hooks';
import { IdempotencyGuard } from './idempotency.guard';
import { IdempotencyPersonalData } from './idempotency.personal-data';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';

// Expired keys go every hour; any instance may run it (a plain batched DELETE).
@Injectable()
export class IdempotencyPurge {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly store: IdempotencyKeysRepository) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'idempotency-purge' })
  async purge(): Promise<void> {
    const removed = await this.store.purgeExpired().catch((error: Error) => {
      this.logger.warn(`purging expired idempotency keys failed: ${error.message}`);
      return 0;
    });
    if (removed > 0) {
      this.logger.log(`purged ${removed} expired idempotency keys`);
    }
  }
}

@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyKey])],
  providers: [
    IdempotencyKeysRepository,
    IdempotencyHooks,
    IdempotencyPurge,
    IdempotencyPersonalData,
    IdempotencyGuard,
  ],
  // AppModule installs the guard last among the global guards.
  exports: [IdempotencyGuard],
})
export class IdempotencyModule {}
