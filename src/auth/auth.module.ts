import { Module } from '@nestjs/common';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AdminUsersController } from './admin-users.controller';
import { AuthController } from './auth.controller';
import { AuthPersonalData } from './auth.personal-data';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { RolesGuard } from './guards/roles.guard';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './passwords/password-hasher';
import { SessionService } from './session.service';
import { TokenService } from './token.service';
import { UsersService } from './users.service';

@Module({
  controllers: [AuthController, AdminUsersController],
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
  ],
  exports: [UsersService, TokenService, SessionService, PasswordHasher, JwtAuthGuard, RolesGuard],
})
export class AuthModule {}
