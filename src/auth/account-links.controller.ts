import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Public, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import {
  LinkTokenDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
} from './dto/account-links.dto';
import { EmailVerificationService } from './email-verification.service';
import { PasswordResetService } from './password-reset.service';

class Accepted {
  @ApiProperty({ example: 'accepted', enum: ['accepted'] }) status: 'accepted';
}

// The routes behind e-mailed links: address verification and password reset.
@ApiTags('auth')
@Controller('auth')
export class AccountLinksController {
  constructor(
    private readonly verification: EmailVerificationService,
    private readonly reset: PasswordResetService,
  ) {}

  @Post('verify-email')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Confirm an e-mail address with the token from the verification link',
    description:
      'Single use, valid 24 h. Once verified, the account is linked to the earlier applications sent under this address without an account.',
  })
  @ApiNoContentResponse({ description: 'Verified' })
  @ApiBadRequestResponse({ description: 'Invalid, expired or already used token (TOKEN_INVALID)' })
  verify(@Body() dto: LinkTokenDto): Promise<void> {
    return this.verification.verify(dto.token);
  }

  @Post('verify-email/resend')
  @Roles(Role.Candidate)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a new verification link (earlier links stop working)',
    description:
      'Nothing is sent when the address is already verified or a link went out in the last minute.',
  })
  @ApiAcceptedResponse({ type: Accepted })
  async resend(@CurrentUser() user: AuthUser): Promise<Accepted> {
    await this.verification.resend(user);
    return { status: 'accepted' };
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'E-mail a password-reset link',
    description:
      'Always 202, for any address: the answer and its timing never say whether an account exists. A link (single use, 1 h) is sent only to an existing, active account.',
  })
  @ApiAcceptedResponse({ type: Accepted })
  async requestReset(@Body() dto: PasswordResetRequestDto): Promise<Accepted> {
    await this.reset.request(dto.email);
    return { status: 'accepted' };
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with the token from the reset link',
    description:
      'Single use, valid 1 h. Every earlier session, access and refresh token stops working.',
  })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiBadRequestResponse({
    description:
      'Invalid, expired or already used token (TOKEN_INVALID), or an unacceptable password',
  })
  confirmReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    return this.reset.confirm(dto.token, dto.new_password);
  }
}
