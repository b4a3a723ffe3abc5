import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AiModule } from './ai/ai.module';
import { AtsModule } from './ats/ats.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CandidatesModule } from './candidates/candidates.module';
import { ConsentModule } from './consent/consent.module';
import { JobsModule } from './jobs/jobs.module';
import { MailModule } from './mail/mail.module';
import { StorageModule } from './storage/storage.module';
import { JwtAuthGuard } from './auth/guards/jwt-auth.guard';
import { RolesGuard } from './auth/guards/roles.guard';
import { LoggingModule } from './common/logging/logging.module';
import { TokenService } from './auth/token.service';
import { RateLimitGuard } from './throttling/rate-limit.guard';
import { ThrottlingModule } from './throttling/throttling.module';
import { API_KEY_CALLERS, type ApiKeyCallers } from './common/auth/api-scopes';
import { configurationModule } from './config/namespaces';
import { CryptoModule } from './crypto/crypto.module';
import { DatabaseModule } from './database/database.module';
import { GdprModule } from './gdpr/gdpr.module';
import { HealthModule } from './health/health.module';
import { IdempotencyGuard } from './idempotency/idempotency.guard';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { InterviewsModule } from './interviews/interviews.module';
import { MediaModule } from './media/media.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueModule } from './queue/queue.module';
import { QuestionsModule } from './questions/questions.module';
import { ResumesModule } from './resumes/resumes.module';
import { VideoModule } from './video/video.module';
import { WebModule } from './web/web.module';

@Module({
  imports: [
    configurationModule(),
    LoggingModule,
    // The rate limit keys a signed-in caller by account: the token check comes from auth.
    ThrottlingModule.forRoot({
      imports: [AuthModule],
      inject: [TokenService, API_KEY_CALLERS],
      useFactory: (tokens: TokenService, apiKeys: ApiKeyCallers) => ({
        accountOf: (request, bearer) => {
          try {
            return tokens.verifyAccessOnce(request, bearer).sub;
          } catch {
            return undefined;
          }
        },
        apiKeyOf: (bearer) =>
          apiKeys.authenticate(bearer).then(
            (caller) => caller.id,
            () => undefined,
          ),
      }),
    }),
    ScheduleModule.forRoot(),
    DiscoveryModule,
    DatabaseModule,
    CryptoModule,
    MetricsModule,
    AuditModule,
    QueueModule,
    StorageModule,
    MailModule,
    ConsentModule,
    AuthModule,
    HealthModule,
    JobsModule,
    CandidatesModule,
    ResumesModule,
    AtsModule,
    AiModule,
    QuestionsModule,
    InterviewsModule,
    MediaModule,
    VideoModule,
    GdprModule,
    IdempotencyModule,
    WebModule,
  ],
  providers: [
    // Order matters: rate limit, then authenticate, then check the role, then claim an
    // Idempotency-Key (a POST that carries one).
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_GUARD, useExisting: IdempotencyGuard },
  ],
})
export class AppModule {}
