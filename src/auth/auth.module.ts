import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { AccountLinksController } from './account-links.controller';
import { AccountTokensService } from './account-tokens.service';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AdminUsersController } from './admin-users.controller';
import { AuthController } from './auth.controller';
import { AuthPersonalData } from './auth.personal-data';
import { AuthService } from './auth.service';
import { InterviewGuestAccess } from './guards/interview-guest-access';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { RolesGuard } from './guards/roles.guard';
import { EmailVerificationService } from './email-verification.service';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './passwords/password-hasher';
import { PasswordResetService } from './password-reset.service';
import { SessionService } from './session.service';
import { TokenService } from './token.service';
import { UsersService } from './users.service';

@Module({
  imports: [MailModule],
  controllers: [AuthController, AccountLinksController, AdminUsersController],
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
  ],
  exports: [
    EmailVerificationService,
    InterviewGuestAccess,
    UsersService,
    TokenService,
    SessionService,
    PasswordHasher,
    JwtAuthGuard,
    RolesGuard,
  ],
})
export class AuthModule {}
