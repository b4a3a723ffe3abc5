import { ApiScope } from '../../common/auth/api-scopes';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ParseUuidPipe } from '../../common/validation/parse-uuid.pipe';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { CurrentUser, Public, Roles } from '../../common/auth/policy.decorators';
import { Role } from '../../common/auth/role';
import { InterviewResponse } from '../interview.presenter';
import { InterviewMailerService } from '../invitations/interview-mailer.service';
import { InterviewAccessGrant, InterviewLinksService } from './interview-links.service';

export class InterviewLinkDto {
  @ApiProperty({ description: 'The <token> of PUBLIC_URL/interview/<token>' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token: string;
}

class InterviewAccessResponse {
  @ApiProperty({
    description:
      'Bearer token for this one interview only: start, answers, events, complete and its questions. Every other route refuses it. It ends when the interview completes or is cancelled, or the link is replaced.',
  })
  access_token: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expires_in: number;
  @ApiProperty({ type: InterviewResponse }) interview: InterviewResponse;
}

class InvitationResent {
  @ApiProperty({ format: 'uuid' }) interview_id: string;
  @ApiProperty({ example: true }) resent: boolean;
}

@ApiTags('interviews')
@ApiScope('interviews')
@Controller('interviews')
export class InterviewLinksController {
  constructor(
    private readonly links: InterviewLinksService,
    private readonly mailer: InterviewMailerService,
  ) {}

  @Post('access')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange an invitation link for an access token limited to that interview',
    description:
      'No account needed: a candidate who applied without one takes the interview this way.',
  })
  @ApiOkResponse({ type: InterviewAccessResponse })
  @ApiBadRequestResponse({
    description: 'Unknown, replaced or expired link, or an interview that has ended',
  })
  access(@Body() dto: InterviewLinkDto): Promise<InterviewAccessGrant> {
    return this.links.exchange(dto.token);
  }

  @Post(':id/resend-invitation')
  @Roles(Role.Recruiter)
  @HttpCode(202)
  @ApiOperation({
    summary: 'E-mail the invitation again with a new link; the old link stops working',
  })
  @ApiAcceptedResponse({ type: InvitationResent })
  @ApiConflictResponse({ description: 'The interview is completed or cancelled' })
  async resend(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<InvitationResent> {
    await this.mailer.resend(actor, id);
    return { interview_id: id, resent: true };
  }
}
