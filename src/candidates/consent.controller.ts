import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { CandidateIdentityService } from './candidate-identity.service';
import { CONSENT_PURPOSES, ConsentService } from '../consent';
import type { ConsentPurpose, ConsentRecordResponse, ConsentState } from '../consent';
import { Transactions } from '../database/transactions';
import { IsPolicyVersion } from '../common/dto/policy-version';

export class ConsentDto {
  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES)
  purpose: ConsentPurpose;

  @ApiProperty()
  @IsBoolean()
  granted: boolean;

  @ApiProperty({ example: '2026-01' })
  @IsPolicyVersion()
  policy_version: string;
}

class ConsentStateResponse {
  @ApiProperty({ enum: CONSENT_PURPOSES }) purpose: ConsentPurpose;
  @ApiProperty() granted: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) policy_version: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) recorded_at:
    string | null;
}

class ConsentRecord {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CONSENT_PURPOSES }) purpose: ConsentPurpose;
  @ApiProperty() granted: boolean;
  @ApiProperty() policy_version: string;
  @ApiProperty() source: string;
  @ApiProperty({ format: 'date-time' }) recorded_at: string;
}

class ConsentOverview {
  @ApiProperty({ type: [ConsentStateResponse] }) current: ConsentState[];
  @ApiProperty({ type: [ConsentRecord], description: 'Every grant and withdrawal, newest first' })
  history: ConsentRecordResponse[];
}

// Consent belongs to the person (candidate record), created for the account on first use.
@ApiTags('gdpr')
@ApiScope('gdpr')
@Controller('gdpr/consent')
export class ConsentController {
  constructor(
    private readonly transactions: Transactions,
    private readonly consent: ConsentService,
    private readonly identity: CandidateIdentityService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Grant or withdraw consent for one purpose' })
  @Roles(Role.Candidate)
  @ApiCreatedResponse({ type: ConsentRecord })
  record(@CurrentUser() user: AuthUser, @Body() dto: ConsentDto): Promise<ConsentRecordResponse> {
    return this.transactions.run(async (manager) => {
      const candidate = await this.identity.findOrCreateForUser(manager, user.id);
      return this.consent.record(manager, {
        candidateId: candidate.id,
        purpose: dto.purpose,
        granted: dto.granted,
        policyVersion: dto.policy_version,
        source: 'api',
        actorId: user.id,
        actorRole: user.role,
      });
    });
  }

  @Get()
  @ApiOperation({ summary: 'Current consent per purpose, and its history' })
  @Roles(Role.Candidate)
  @ApiOkResponse({ type: ConsentOverview })
  async overview(@CurrentUser() user: AuthUser): Promise<ConsentOverview> {
    const candidate = await this.identity.findForUser(user.id);
    if (!candidate) {
      return {
        current: await this.consent.current('00000000-0000-0000-0000-000000000000'),
        history: [],
      };
    }
    return {
      current: await this.consent.current(candidate.id),
      history: await this.consent.history(candidate.id),
    };
  }
}
