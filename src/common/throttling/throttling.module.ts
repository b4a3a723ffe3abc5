import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AuthModule } from '../../auth/auth.module';
import type { AppConfig, AppSettings } from '../../config/app-config';
import { CryptoService } from '../../crypto/crypto.service';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';
import { RateLimitTracker } from './rate-limit-tracker';

@Module({
  imports: [AuthModule],
  providers: [
    RateLimitTracker,
    {
      provide: PostgresThrottlerStorage,
      inject: [DataSource, CryptoService],
      useFactory: (dataSource: DataSource, crypto: CryptoService) =>
        new PostgresThrottlerStorage(dataSource, (key) => crypto.pseudonym('rate-limit', key)),
    },
  ],
  exports: [RateLimitTracker, PostgresThrottlerStorage],
})
class RateLimitProvidersModule {}

// The global request limit (ThrottlerGuard, first of the APP_GUARDs in AppModule), shared by every
// instance through PostgreSQL: RATE_LIMIT_PER_MINUTE per account or per client address, all
// routes together. Sign-in failures have their own stricter limit (LoginThrottleService).
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitProvidersModule],
      inject: [ConfigService, PostgresThrottlerStorage, RateLimitTracker],
      useFactory: (
        config: ConfigService<AppConfig, true>,
        storage: PostgresThrottlerStorage,
        tracker: RateLimitTracker,
      ) => ({
        storage,
        getTracker: (request: Record<string, unknown>) =>
          tracker.trackerFor(request as unknown as FastifyRequest),
        // One budget per caller across routes (the default key is per route handler); the storage
        // adds the throttler's name and window.
        generateKey: (_context, trackerKey: string) => trackerKey,
        throttlers: [
          {
            name: 'default',
            ttl: 60_000,
            limit: config.get<AppSettings>('app').rateLimitPerMinute,
          },
        ],
      }),
    }),
  ],
})
export class ThrottlingModule {}
