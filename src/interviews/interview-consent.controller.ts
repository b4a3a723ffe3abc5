import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import type { AuthUser } from '../common/auth/policy.decorators';
import { AcceptsInterviewGuest, CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { ApiProblems } from '../common/openapi/api-docs.decorators';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import type { ConsentRecordResponse } from '../consent';
import { InterviewConsentService } from './session/interview-consent.service';
import { IsPolicyVersion } from '../common/dto/policy-version';

const INTERVIEW_CONSENT_PURPOSES = ['ai_evaluation', 'recording'] as const;

export class InterviewConsentDto {
  @ApiProperty({ enum: INTERVIEW_CONSENT_PURPOSES })
  @IsIn(INTERVIEW_CONSENT_PURPOSES)
  purpose: (typeof INTERVIEW_CONSENT_PURPOSES)[number];

  @ApiProperty()
  @IsBoolean()
  granted: boolean;

  @ApiProperty({ example: '2026-01' })
  @IsPolicyVersion()
  policy_version: string;
}

class InterviewConsentRecord {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: INTERVIEW_CONSENT_PURPOSES }) purpose: string;
  @ApiProperty() granted: boolean;
  @ApiProperty() policy_version: string;
  @ApiProperty({ example: 'interview_room' }) source: string;
  @ApiProperty({ format: 'date-time' }) recorded_at: string;
}

@ApiTags('interviews')
@ApiScope('interviews')
@Controller('interviews')
export class InterviewConsentController {
  constructor(private readonly consent: InterviewConsentService) {}

  @Post(':id/consent')
  @ApiProblems({ 409: 'The interview is completed or cancelled (INTERVIEW_CLOSED)' })
  @Roles(Role.Candidate)
  @AcceptsInterviewGuest()
  @ApiOperation({
    summary: 'Grant or withdraw AI-evaluation or recording consent from the interview room',
    description:
      "Recorded for the interview's candidate (also with an invitation link's guest token); the same record as POST /api/gdpr/consent, with source interview_room.",
  })
  @ApiCreatedResponse({ type: InterviewConsentRecord })
  record(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: InterviewConsentDto,
  ): Promise<ConsentRecordResponse> {
    return this.consent.record(user, id, {
      purpose: dto.purpose,
      granted: dto.granted,
      policyVersion: dto.policy_version,
    });
  }
}
