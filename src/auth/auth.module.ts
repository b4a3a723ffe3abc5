import { Module } from '@nestjs/common';
import { API_KEY_CALLERS } from '../common/auth/api-scopes';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module';
import { AccountLinksController } from './account-links.controller';
import { AccountChangeSubscriber } from './account-state/account-change.subscriber';
import { AccountStateCache } from './account-state/account-state.cache';
import { AccountStateRepository } from './account-state/account-state.repository';
import { AccountTokensRepository } from './account-tokens.repository';
import { ApiKeyStrategy } from './api-keys/api-key.strategy';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysRepository } from './api-keys/api-keys.repository';
import { ApiKeysService } from './api-keys/api-keys.service';
import { OidcController } from './oidc/oidc.controller';
import { OidcLoginsRepository } from './oidc/oidc-logins.repository';
import { OidcService } from './oidc/oidc.service';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AdminUsersController } from './admin-users.controller';
import { AuthController } from './auth.controller';
import { AuthPersonalData } from './auth.personal-data';
import { AuthService } from './auth.service';
import { InterviewGuestAccess } from './guards/interview-guest-access';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { AccessTokenStrategy } from './jwt/access-token.strategy';
import { InterviewTokenStrategy } from './jwt/interview-token.strategy';
import { RolesGuard } from './guards/roles.guard';
import { EmailVerificationService } from './email-verification.service';
import { AccountToken } from './entities/account-token.entity';
import { ApiKey } from './entities/api-key.entity';
import { AuthSession } from './entities/auth-session.entity';
import { LoginAttempt } from './entities/login-attempt.entity';
import { OidcLogin } from './entities/oidc-login.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './passwords/password-hasher';
import { PasswordResetService } from './password-reset.service';
import { SessionService } from './session.service';
import { SessionsRepository } from './sessions.repository';
import { TokenService } from './token.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      User,
      AuthSession,
      RefreshToken,
      LoginAttempt,
      AccountToken,
      ApiKey,
      OidcLogin,
    ]),
    MailModule,
    PassportModule,
  ],
  controllers: [
    AuthController,
    AccountLinksController,
    AdminUsersController,
    ApiKeysController,
    OidcController,
  ],
  providers: [
    UsersRepository,
    SessionsRepository,
    LoginAttemptsRepository,
    AccountTokensRepository,
    AccountStateRepository,
    ApiKeysRepository,
    OidcLoginsRepository,
    AuthService,
    UsersService,
    SessionService,
    TokenService,
    PasswordHasher,
    LoginThrottleService,
    AdminBootstrapService,
    AuthPersonalData,
    JwtAuthGuard,
    RolesGuard,
    EmailVerificationService,
    PasswordResetService,
    InterviewGuestAccess,
    AccountStateCache,
    AccountChangeSubscriber,
    AccessTokenStrategy,
    InterviewTokenStrategy,
    ApiKeysService,
    ApiKeyStrategy,
    OidcService,
    { provide: API_KEY_CALLERS, useExisting: ApiKeysService },
  ],
  exports: [
    API_KEY_CALLERS,
    EmailVerificationService,
    InterviewGuestAccess,
    UsersService,
    TokenService,
    SessionService,
    PasswordHasher,
    JwtAuthGuard,
    RolesGuard,
    AccessTokenStrategy,
    InterviewTokenStrategy,
    ApiKeyStrategy,
    ApiKeysService,
  ],
})
export class AuthModule {}
