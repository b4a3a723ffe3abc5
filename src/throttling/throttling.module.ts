import { DynamicModule, FactoryProvider, Module, ModuleMetadata } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { appConfig } from '../config/namespaces';
import { CryptoService } from '../crypto/crypto.service';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';
import { RateLimitBucketsRepository } from './rate-limit-buckets.repository';
import { RATE_LIMIT_NAME, RATE_LIMIT_WINDOW_MS, RateLimitHeaders } from './rate-limit.guard';
import { RateLimitIdentity } from './rate-limit-identity';
import { RateLimitTracker } from './rate-limit-tracker';

export interface RateLimitIdentityOptions {
  imports: ModuleMetadata['imports'];
  inject: FactoryProvider['inject'];
  useFactory: (...args: never[]) => RateLimitIdentity;
}

@Module({})
class RateLimitProvidersModule {}

// The global request limit (RateLimitGuard, first of the APP_GUARDs in AppModule), shared by
// every instance through PostgreSQL: RATE_LIMIT_PER_MINUTE per account or per client address, all
// routes together. Sign-in failures have their own stricter limit (LoginThrottleService). Who a
// bearer credential belongs to comes from `identity`, which the authentication module provides.
@Module({})
export class ThrottlingModule {
  static forRoot(identity: RateLimitIdentityOptions): DynamicModule {
    const providers: DynamicModule = {
      module: RateLimitProvidersModule,
      imports: identity.imports,
      providers: [
        { provide: RateLimitIdentity, inject: identity.inject, useFactory: identity.useFactory },
        RateLimitTracker,
        RateLimitHeaders,
        RateLimitBucketsRepository,
        {
          provide: PostgresThrottlerStorage,
          inject: [RateLimitBucketsRepository, CryptoService],
          useFactory: (windows: RateLimitBucketsRepository, crypto: CryptoService) =>
            new PostgresThrottlerStorage(windows, (key) => crypto.pseudonym('rate-limit', key)),
        },
      ],
      exports: [RateLimitTracker, RateLimitHeaders, PostgresThrottlerStorage],
    };
    return {
      module: ThrottlingModule,
      imports: [
        providers,
        ThrottlerModule.forRootAsync({
          imports: [providers],
          inject: [appConfig.KEY, PostgresThrottlerStorage, RateLimitTracker],
          useFactory: (
            app: ConfigType<typeof appConfig>,
            storage: PostgresThrottlerStorage,
            tracker: RateLimitTracker,
          ) => ({
            storage,
            getTracker: (request: Record<string, unknown>) =>
              tracker.trackerFor(request as unknown as FastifyRequest),
            // One budget per caller across routes (the default key is per route handler); the
            // storage adds the throttler's name and window.
            generateKey: (_context, trackerKey: string) => trackerKey,
            throttlers: [
              {
                name: RATE_LIMIT_NAME,
                ttl: RATE_LIMIT_WINDOW_MS,
                limit: app.rateLimitPerMinute,
              },
            ],
          }),
        }),
      ],
      exports: [providers],
    };
  }
}
