import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Public, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { AuthResult, AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, RefreshDto, SignupDto } from './dto/auth.dto';
import { TokenResponse, UserResponse } from './user.presenter';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('signup')
  @ApiOperation({ summary: 'Create a candidate account and sign in' })
  @Public()
  @ApiCreatedResponse({ type: TokenResponse })
  @ApiConflictResponse({ description: 'Username or e-mail already registered' })
  @ApiForbiddenResponse({ description: 'The body asked for a role other than candidate' })
  signup(@Body() dto: SignupDto): Promise<AuthResult> {
    return this.auth.signup(dto);
  }

  @Post('login')
  @ApiOperation({ summary: 'Sign in with a username or e-mail and a password' })
  @Public()
  @HttpCode(200)
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password (same answer for both)' })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed attempts for the account or address',
  })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<AuthResult> {
    return this.auth.login(dto.username ?? dto.email, dto.password, ip);
  }

  @Post('refresh')
  @ApiOperation({ summary: 'Exchange a refresh token for a new access and refresh token' })
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ description: 'Unknown, expired or already used refresh token' })
  refresh(@Body() dto: RefreshDto): Promise<AuthResult> {
    return this.auth.refresh(dto.refresh_token);
  }

  @Post('logout')
  @ApiOperation({ summary: 'End the session a refresh token belongs to' })
  @Roles(Role.Candidate)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session of this refresh token is closed' })
  logout(@CurrentUser() user: AuthUser, @Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(user, dto.refresh_token);
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  @Roles(Role.Candidate)
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return this.auth.me(user);
  }

  @Post('change-password')
  @ApiOperation({ summary: 'Change the password; every earlier token stops working' })
  @Roles(Role.Candidate)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password changed; every earlier token is revoked' })
  changePassword(
    @CurrentUser() user: AuthUser,
    @Body() dto: ChangePasswordDto,
    @Ip() ip: string,
  ): Promise<void> {
    return this.auth.changePassword(user, dto, ip);
  }
}
