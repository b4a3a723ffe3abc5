import { Module } from '@nestjs/common';
import { API_KEY_CALLERS } from '../common/auth/api-scopes';
import { PassportModule } from '@nestjs/passport';
import { MailModule } from '../mail/mail.module';
import { AccountLinksController } from './account-links.controller';
import { AccountChangeSubscriber } from './account-state/account-change.subscriber';
import { AccountStateCache } from './account-state/account-state.cache';
import { AccountTokensService } from './account-tokens.service';
import { ApiKeyStrategy } from './api-keys/api-key.strategy';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { OidcController } from './oidc/oidc.controller';
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
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './passwords/password-hasher';
import { PasswordResetService } from './password-reset.service';
import { SessionService } from './session.service';
import { TokenService } from './token.service';
import { UsersService } from './users.service';

@Module({
  imports: [MailModule, PassportModule],
  controllers: [
    AuthController,
    AccountLinksController,
    AdminUsersController,
    ApiKeysController,
    OidcController,
  ],
  providers: [
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
    AccountTokensService,
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
